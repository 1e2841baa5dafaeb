export * from "./create-earning-rule"
export * from "./update-earning-rule"
export * from "./delete-earning-rule"
