export * from "./workflows/apply-loyalty-points"
export * from "./workflows/remove-loyalty-points"
export * from "./workflows/release-stale-holds"
export * from "./workflows/sync-cart-points-hold"
