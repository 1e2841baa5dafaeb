export * from "./steps/claim-nightly-run"
export * from "./workflows/run-nightly"
