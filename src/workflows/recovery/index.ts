export * from "./workflows/recover-loyalty-points"
export type { RedemptionReconciliation } from "./steps/reconcile-redemptions"
