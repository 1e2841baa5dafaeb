/** How a tier's threshold is measured over its rolling window. */
export const TIER_THRESHOLD_TYPES = ["points", "spend"] as const
export type TierThresholdType = (typeof TIER_THRESHOLD_TYPES)[number]

/** What an earning rule does to the points of the lines it targets. */
export const EARNING_RULE_ACTIONS = ["multiplier", "exclude"] as const
export type EarningRuleAction = (typeof EARNING_RULE_ACTIONS)[number]

/** What an earning rule's `target_ids` are ids of. */
export const EARNING_RULE_TARGET_TYPES = ["product", "collection", "category", "product_type"] as const
export type EarningRuleTargetType = (typeof EARNING_RULE_TARGET_TYPES)[number]

/** A tier as the service and the admin routes return it. */
export type LoyaltyTierDTO = {
  id: string
  program_id: string
  name: string
  rank: number
  threshold: number
  threshold_type: TierThresholdType
  window_months: number
  /** Scales what a member earns: Gold +20% is 1.2. */
  earn_multiplier: number
  /** The tier's perks, for the member. */
  description: string | null
  metadata: Record<string, unknown> | null
  created_at: Date
  updated_at: Date
}

/** An earning rule as the service and the admin routes return it. */
export type LoyaltyEarningRuleDTO = {
  id: string
  program_id: string
  name: string
  action: EarningRuleAction
  /** > 0 for `multiplier` rules, `null` for `exclude` rules. */
  multiplier: number | null
  target_type: EarningRuleTargetType
  target_ids: string[]
  starts_at: Date | null
  ends_at: Date | null
  is_active: boolean
  metadata: Record<string, unknown> | null
  created_at: Date
  updated_at: Date
}

export type CreateLoyaltyTierInput = {
  name: string
  rank: number
  threshold: number
  threshold_type?: TierThresholdType
  window_months?: number
  earn_multiplier?: number
  description?: string | null
  metadata?: Record<string, unknown> | null
}

export type UpdateLoyaltyTierInput = Partial<CreateLoyaltyTierInput>

export type CreateLoyaltyEarningRuleInput = {
  name: string
  action: EarningRuleAction
  multiplier?: number | null
  target_type: EarningRuleTargetType
  target_ids: string[]
  starts_at?: Date | null
  ends_at?: Date | null
  is_active?: boolean
  metadata?: Record<string, unknown> | null
}

export type UpdateLoyaltyEarningRuleInput = Partial<CreateLoyaltyEarningRuleInput>

/** `GET /admin/loyalty-points/tiers`: lowest rank first. */
export type AdminLoyaltyTierListResponse = { tiers: LoyaltyTierDTO[] }
/** `POST /admin/loyalty-points/tiers` and `POST /admin/loyalty-points/tiers/:id`. */
export type AdminLoyaltyTierResponse = { tier: LoyaltyTierDTO }
/** `DELETE /admin/loyalty-points/tiers/:id`. */
export type AdminLoyaltyTierDeleteResponse = { id: string; object: "loyalty_tier"; deleted: true }

/** `GET /admin/loyalty-points/rules`: oldest first. */
export type AdminLoyaltyEarningRuleListResponse = { rules: LoyaltyEarningRuleDTO[] }
/** `POST /admin/loyalty-points/rules` and `POST /admin/loyalty-points/rules/:id`. */
export type AdminLoyaltyEarningRuleResponse = { rule: LoyaltyEarningRuleDTO }
/** `DELETE /admin/loyalty-points/rules/:id`. */
export type AdminLoyaltyEarningRuleDeleteResponse = { id: string; object: "loyalty_rule"; deleted: true }
