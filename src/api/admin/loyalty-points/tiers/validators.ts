import { z } from "@medusajs/framework/zod"
import { TIER_THRESHOLD_TYPES } from "../../../../types/tiers-and-rules"

/** The largest value a PostgreSQL integer column holds. */
const MAX_INT = 2_147_483_647

const tierFields = {
  name: z.string().trim().min(1).max(255),
  /** Orders the tiers, lowest first; unique among the programme's tiers. */
  rank: z.number().int().min(0).max(1_000_000),
  /** Qualifying points (or spend, in major units) needed within the window. */
  threshold: z.number().int().min(0).max(MAX_INT),
  threshold_type: z.enum(TIER_THRESHOLD_TYPES),
  /** The rolling window, in months, the threshold is measured over. */
  window_months: z.number().int().min(1).max(120),
  /** Scales what a member earns: Gold +20% is 1.2. */
  earn_multiplier: z.number().min(1).max(100),
  /** The tier's perks, shown to members. */
  description: z.string().max(10_000).nullable(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
}

export const AdminCreateLoyaltyTierSchema = z
  .object({
    name: tierFields.name,
    rank: tierFields.rank,
    threshold: tierFields.threshold,
    threshold_type: tierFields.threshold_type.optional(),
    window_months: tierFields.window_months.optional(),
    earn_multiplier: tierFields.earn_multiplier.optional(),
    description: tierFields.description.optional(),
    metadata: tierFields.metadata.optional(),
  })
  .strict()

export const AdminUpdateLoyaltyTierSchema = z
  .object({
    name: tierFields.name.optional(),
    rank: tierFields.rank.optional(),
    threshold: tierFields.threshold.optional(),
    threshold_type: tierFields.threshold_type.optional(),
    window_months: tierFields.window_months.optional(),
    earn_multiplier: tierFields.earn_multiplier.optional(),
    description: tierFields.description.optional(),
    metadata: tierFields.metadata.optional(),
  })
  .strict()

/** `?fields=` as elsewhere in Medusa; nothing else. */
export const AdminGetLoyaltyTiersSchema = z.object({ fields: z.string().optional() }).strict()
export const AdminGetLoyaltyTierSchema = AdminGetLoyaltyTiersSchema

export type AdminCreateLoyaltyTierParams = z.infer<typeof AdminCreateLoyaltyTierSchema>
export type AdminUpdateLoyaltyTierParams = z.infer<typeof AdminUpdateLoyaltyTierSchema>
export type AdminGetLoyaltyTiersParams = z.infer<typeof AdminGetLoyaltyTiersSchema>
