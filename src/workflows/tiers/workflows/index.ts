export * from "./create-tier"
export * from "./update-tier"
export * from "./delete-tier"
export * from "./review-tiers"
