export * from "./steps/run-reconciliation"
export * from "./workflows/run-reconciliation"
