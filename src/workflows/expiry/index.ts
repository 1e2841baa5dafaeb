export * from "./steps/expire-points"
export * from "./workflows/expire-points"
