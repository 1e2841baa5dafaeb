export * from "./workflows/update-program-settings"
