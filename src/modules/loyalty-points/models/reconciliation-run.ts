import { model } from "@medusajs/framework/utils"

/**
 * One run of the reconcile check over every account (the nightly run's last part):
 * when, how many accounts it checked and each variance it found with its figures.
 */
const LoyaltyReconciliationRun = model
  .define(
    { name: "LoyaltyReconciliationRun", tableName: "loyalty_points_reconciliation_run" },
    {
      id: model.id({ prefix: "lprec" }).primaryKey(),
      started_at: model.dateTime(),
      finished_at: model.dateTime(),
      accounts_checked: model.number(),
      variance_count: model.number(),
      /** `[{ account_id, field, recorded, expected }]`, at most the first 1,000. */
      variances: model.json(),
    }
  )
  .indexes([{ on: ["started_at"] }])

export default LoyaltyReconciliationRun
