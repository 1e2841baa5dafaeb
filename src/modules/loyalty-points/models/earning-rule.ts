import { model } from "@medusajs/framework/utils"
import { EARNING_RULE_ACTIONS, EARNING_RULE_TARGET_TYPES } from "../../../types/tiers-and-rules"

/**
 * Multiplies (`action` "multiplier", with `multiplier` > 0) or excludes (`action`
 * "exclude") the points earned on order lines whose product, collection, category or
 * product type is one of `target_ids`. Applies while `is_active` and `starts_at <= now
 * < ends_at` (either bound may be open).
 */
const LoyaltyEarningRule = model
  .define(
    { name: "LoyaltyEarningRule", tableName: "loyalty_points_earning_rule" },
    {
      id: model.id({ prefix: "lprule" }).primaryKey(),
      program_id: model.text(),
      name: model.text(),
      action: model.enum([...EARNING_RULE_ACTIONS]),
      multiplier: model.float().nullable(),
      target_type: model.enum([...EARNING_RULE_TARGET_TYPES]),
      target_ids: model.json(),
      starts_at: model.dateTime().nullable(),
      ends_at: model.dateTime().nullable(),
      is_active: model.boolean().default(true),
      metadata: model.json().nullable(),
    }
  )
  .indexes([{ on: ["program_id", "is_active"] }])
  .checks([
    {
      name: "loyalty_points_earning_rule_multiplier_check",
      expression: (columns) =>
        `(${columns.action} = 'exclude' AND ${columns.multiplier} IS NULL) OR (${columns.action} = 'multiplier' AND ${columns.multiplier} > 0 AND ${columns.multiplier} <= 100)`,
    },
    {
      name: "loyalty_points_earning_rule_dates_check",
      expression: (columns) =>
        `${columns.starts_at} IS NULL OR ${columns.ends_at} IS NULL OR ${columns.ends_at} > ${columns.starts_at}`,
    },
  ])

export default LoyaltyEarningRule
