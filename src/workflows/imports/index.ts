export * from "./workflows/create-import"
export * from "./workflows/review-import"
export * from "./utils/validate-import-rows"
