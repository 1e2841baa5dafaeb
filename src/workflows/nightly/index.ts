export * from "./steps/claim-nightly-run"
export * from "./workflows/run-nightly"
export * from "./steps/expire-due-points-in-pages"
export * from "./steps/announce-expiring-points-in-pages"
