export * from "./workflows/issue-voucher"
export * from "./utils/list-vouchers"
export * from "./utils/heal-voucher-debits"
