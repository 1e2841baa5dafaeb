export * from "./steps/retrieve-or-create-account"
