export * from "./workflows/reverse-order-points"
export * from "./workflows/reverse-on-payment-refunded"
export * from "./steps/settle-order-reversal"
export * from "./steps/resolve-order-cart"
