import { model } from "@medusajs/framework/utils"
import { TIER_THRESHOLD_TYPES } from "../../../types/tiers-and-rules"

/**
 * A level of membership (Bronze, Silver, Gold) reached by qualifying points, or spend,
 * over a rolling window of `window_months`. Its `earn_multiplier` scales what a member
 * earns (Gold +20% is 1.2); `description` tells the member about its perks. `rank`
 * orders the tiers of a programme, lowest first, and is unique among live tiers.
 */
const LoyaltyTier = model
  .define(
    { name: "LoyaltyTier", tableName: "loyalty_points_tier" },
    {
      id: model.id({ prefix: "lptier" }).primaryKey(),
      program_id: model.text(),
      name: model.text(),
      rank: model.number(),
      threshold: model.number(),
      threshold_type: model.enum([...TIER_THRESHOLD_TYPES]).default("points"),
      window_months: model.number().default(12),
      earn_multiplier: model.float().default(1),
      description: model.text().nullable(),
      metadata: model.json().nullable(),
    }
  )
  .indexes([{ on: ["program_id", "rank"], unique: true }])
  .checks([
    { name: "loyalty_points_tier_rank_check", expression: (columns) => `${columns.rank} >= 0` },
    { name: "loyalty_points_tier_threshold_check", expression: (columns) => `${columns.threshold} >= 0` },
    {
      name: "loyalty_points_tier_window_months_check",
      expression: (columns) => `${columns.window_months} BETWEEN 1 AND 120`,
    },
    {
      name: "loyalty_points_tier_earn_multiplier_check",
      expression: (columns) => `${columns.earn_multiplier} >= 1 AND ${columns.earn_multiplier} <= 100`,
    },
  ])

export default LoyaltyTier
