export * from "./steps/send-loyalty-notification"
export * from "./workflows/send-loyalty-notification"
