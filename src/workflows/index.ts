export * from "./accounts"
export * from "./adjustments"
export * from "./earning"
export * from "./program"
export * from "./reversal"
export * from "./rules"
export * from "./tiers"
export * from "./redemption"
export * from "./vouchers"
export * from "./bonuses"
export * from "./expiry"
export * from "./nightly"
<<<<<<< HEAD
export * from "../read-models"
=======
export * from "./reconciliation"
>>>>>>> 7082c6c (Reconciliation runs: the nightly run reconciles every account in batches and stores the run; GET /admin/loyalty-points/reports/reconciliation; a variance logs an error and emits loyalty_points.reconciliation_failed)
