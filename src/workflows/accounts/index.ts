export * from "./steps/retrieve-or-create-account"
export * from "./utils/account-view"
export * from "./utils/resolve-tier-views"
