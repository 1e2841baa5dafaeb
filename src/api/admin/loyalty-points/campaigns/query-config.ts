export const LOYALTY_CAMPAIGN_FIELDS = [
  "id",
  "name",
  "multiplier",
  "starts_at",
  "ends_at",
  "tier_ids",
  "sales_channel_ids",
  "rule_ids",
  "is_active",
  "metadata",
  "created_at",
  "updated_at",
]

export const retrieveLoyaltyCampaignQueryConfig = {
  entity: "loyalty_campaign",
  defaults: LOYALTY_CAMPAIGN_FIELDS,
  isList: false,
}

export const listLoyaltyCampaignsQueryConfig = retrieveLoyaltyCampaignQueryConfig
