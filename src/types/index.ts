export * from "./module"
export * from "./ledger"
export * from "./options"
export * from "./program-settings"
