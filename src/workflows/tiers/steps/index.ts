export * from "./validate-tier-rank"
export * from "./create-tier"
export * from "./update-tier"
export * from "./delete-tier"
