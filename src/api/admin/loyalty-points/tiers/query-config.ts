export const LOYALTY_TIER_FIELDS = [
  "id",
  "name",
  "rank",
  "threshold",
  "threshold_type",
  "window_months",
  "earn_multiplier",
  "description",
  "metadata",
  "created_at",
  "updated_at",
]

export const retrieveLoyaltyTierQueryConfig = {
  entity: "loyalty_tier",
  defaults: LOYALTY_TIER_FIELDS,
  isList: false,
}

export const listLoyaltyTiersQueryConfig = retrieveLoyaltyTierQueryConfig
