import { model } from "@medusajs/framework/utils"

/**
 * A dated campaign ("double points this weekend"): orders placed while it runs
 * (`starts_at <= placed < ends_at`, `is_active`) earn `multiplier` times the points.
 * It may be limited to members of some tiers (`tier_ids`), orders of some sales channels
 * (`sales_channel_ids`) and the lines in the product scopes of some earning rules
 * (`rule_ids`: their products, collections, categories or types); null: no limit.
 * Where campaigns overlap, the strongest applies, as with rules.
 */
const LoyaltyCampaign = model
  .define(
    { name: "LoyaltyCampaign", tableName: "loyalty_points_campaign" },
    {
      id: model.id({ prefix: "lpcamp" }).primaryKey(),
      program_id: model.text(),
      name: model.text(),
      multiplier: model.float(),
      starts_at: model.dateTime(),
      ends_at: model.dateTime(),
      tier_ids: model.json().nullable(),
      sales_channel_ids: model.json().nullable(),
      rule_ids: model.json().nullable(),
      is_active: model.boolean().default(true),
      metadata: model.json().nullable(),
    }
  )
  .indexes([{ on: ["program_id", "starts_at", "ends_at"] }])
  .checks([
    {
      name: "loyalty_points_campaign_multiplier_check",
      expression: (columns) => `${columns.multiplier} >= 1 AND ${columns.multiplier} <= 100`,
    },
    {
      name: "loyalty_points_campaign_dates_check",
      expression: (columns) => `${columns.ends_at} > ${columns.starts_at}`,
    },
  ])

export default LoyaltyCampaign
