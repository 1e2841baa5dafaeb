export * from "./steps/expire-points"
export * from "./workflows/expire-points"
export * from "./steps/remind-expiring-points"
export * from "./workflows/remind-expiring-points"
