export const LOYALTY_EARNING_RULE_FIELDS = [
  "id",
  "name",
  "action",
  "multiplier",
  "target_type",
  "target_ids",
  "starts_at",
  "ends_at",
  "is_active",
  "metadata",
  "created_at",
  "updated_at",
]

export const retrieveLoyaltyEarningRuleQueryConfig = {
  entity: "loyalty_earning_rule",
  defaults: LOYALTY_EARNING_RULE_FIELDS,
  isList: false,
}

export const listLoyaltyEarningRulesQueryConfig = retrieveLoyaltyEarningRuleQueryConfig
