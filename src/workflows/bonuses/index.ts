export * from "./workflows/grant-signup-bonus"
export * from "./steps/grant-bonus"
export * from "./steps/retrieve-program-settings"
export * from "./utils/bonus-granted-events"
