export * from "./workflows/issue-voucher"
export * from "./utils/list-vouchers"
