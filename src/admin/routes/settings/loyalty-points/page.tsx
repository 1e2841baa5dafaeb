import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Badge, Heading, Text } from "@medusajs/ui"
import { ProgramForm } from "../../../components/settings/program-form"
import { FieldDef, ResourceSection } from "../../../components/settings/resource-section"
import {
  CampaignRecord,
  campaignHooks,
  RuleRecord,
  ruleHooks,
  TierRecord,
  tierHooks,
  useSalesChannels,
} from "../../../hooks/api/configuration"
import { formatDate, formatPoints } from "../../../lib/format"

const TIER_FIELDS: FieldDef[] = [
  { key: "name", label: "Name", type: "text", required: true },
  { key: "rank", label: "Rank", type: "number", required: true, hint: "Orders the tiers, lowest first; unique." },
  { key: "threshold", label: "Threshold", type: "number", required: true, hint: "Qualifying points (or spend) within the window." },
  {
    key: "threshold_type",
    label: "Threshold type",
    type: "select",
    options: [
      { value: "points", label: "Points" },
      { value: "spend", label: "Spend" },
    ],
  },
  { key: "window_months", label: "Window (months)", type: "number" },
  { key: "earn_multiplier", label: "Earn multiplier", type: "number", hint: "Gold +20% is 1.2." },
  { key: "description", label: "Perks", type: "textarea" },
]

const RULE_FIELDS: FieldDef[] = [
  { key: "name", label: "Name", type: "text", required: true },
  {
    key: "action",
    label: "Action",
    type: "select",
    required: true,
    options: [
      { value: "multiplier", label: "Multiply points" },
      { value: "exclude", label: "Earn nothing" },
    ],
  },
  { key: "multiplier", label: "Multiplier", type: "number", required: true, when: (values) => values.action !== "exclude" },
  {
    key: "target_type",
    label: "Applies to",
    type: "select",
    required: true,
    options: [
      { value: "product", label: "Products" },
      { value: "collection", label: "Collections" },
      { value: "category", label: "Categories" },
      { value: "product_type", label: "Product types" },
    ],
  },
  { key: "target_ids", label: "Targets", type: "targets", required: true },
  { key: "starts_at", label: "Starts", type: "date" },
  { key: "ends_at", label: "Ends", type: "date" },
  { key: "is_active", label: "Active", type: "boolean" },
]

/**
 * Settings → Loyalty points: the programme, then tiers, earning rules and campaigns.
 */
const LoyaltyPointsSettingsPage = () => {
  const tiers = tierHooks.useList()
  const rules = ruleHooks.useList()
  const salesChannels = useSalesChannels()
  const campaigns = campaignHooks.useList({ retry: false })
  const campaignFields: FieldDef[] = [
    { key: "name", label: "Name", type: "text", required: true },
    { key: "starts_at", label: "Starts", type: "date", required: true },
    { key: "ends_at", label: "Ends", type: "date", required: true },
    { key: "multiplier", label: "Multiplier", type: "number", required: true, hint: "Double points is 2." },
    {
      key: "tier_ids",
      label: "Only for tiers",
      type: "multiselect",
      hint: "None chosen: every member.",
      options: (tiers.data ?? []).map((tier) => ({ value: tier.id, label: tier.name })),
    },
    {
      key: "sales_channel_ids",
      label: "Only in sales channels",
      type: "multiselect",
      hint: "None chosen: every channel.",
      options: (salesChannels.data ?? []).map((channel) => ({ value: channel.id, label: channel.name })),
    },
    {
      key: "rule_ids",
      label: "Only for the products of rules",
      type: "multiselect",
      hint: "None chosen: every product.",
      options: (rules.data ?? []).map((rule) => ({ value: rule.id, label: rule.name })),
    },
    { key: "is_active", label: "Active", type: "boolean" },
  ]
  const campaignsMissing = campaigns.isError && (campaigns.error as { status?: number })?.status === 404

  return (
    <div className="flex flex-col gap-y-3">
      <div className="px-1">
        <Heading level="h1">Loyalty points</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          The programme, its tiers, earning rules and campaigns.
        </Text>
      </div>
      <ProgramForm />
      <ResourceSection<TierRecord>
        title="Tiers"
        description="Reached by qualifying points or spend over a rolling window."
        noun="Tier"
        testId="lp-tiers"
        fields={TIER_FIELDS}
        defaults={{ threshold_type: "points", window_months: 12, earn_multiplier: 1 }}
        columns={[
          { label: "Name", render: (tier) => <Badge size="2xsmall" color="purple">{tier.name}</Badge> },
          { label: "Rank", render: (tier) => tier.rank },
          { label: "Threshold", render: (tier) => `${formatPoints(tier.threshold)} ${tier.threshold_type}` },
          { label: "Window", render: (tier) => `${tier.window_months} months` },
          { label: "Multiplier", render: (tier) => `×${tier.earn_multiplier}` },
        ]}
        list={tiers}
        save={tierHooks.useSave()}
        remove={tierHooks.useDelete()}
      />
      <ResourceSection<RuleRecord>
        title="Earning rules"
        description="Multiply or exclude points for products, collections, categories or product types."
        noun="Rule"
        testId="lp-rules"
        fields={RULE_FIELDS}
        defaults={{ action: "multiplier", target_type: "product", target_ids: [], is_active: true }}
        columns={[
          { label: "Name", render: (rule) => rule.name },
          { label: "Action", render: (rule) => (rule.action === "exclude" ? "Earn nothing" : `×${rule.multiplier}`) },
          { label: "Applies to", render: (rule) => `${rule.target_ids.length} ${rule.target_type.replace("_", " ")}(s)` },
          { label: "Dates", render: (rule) => `${formatDate(rule.starts_at)} – ${formatDate(rule.ends_at)}` },
          { label: "Status", render: (rule) => <Badge size="2xsmall" color={rule.is_active ? "green" : "grey"}>{rule.is_active ? "Active" : "Inactive"}</Badge> },
        ]}
        list={rules}
        save={ruleHooks.useSave()}
        remove={ruleHooks.useDelete()}
      />
      <ResourceSection<CampaignRecord>
        title="Campaigns"
        description="Dated multipliers, such as double points this weekend."
        noun="Campaign"
        testId="lp-campaigns"
        fields={campaignFields}
        defaults={{ multiplier: 2, tier_ids: [], sales_channel_ids: [], rule_ids: [], is_active: true }}
        columns={[
          { label: "Name", render: (campaign) => campaign.name },
          { label: "Multiplier", render: (campaign) => `×${campaign.multiplier}` },
          { label: "Dates", render: (campaign) => `${formatDate(campaign.starts_at)} – ${formatDate(campaign.ends_at)}` },
        ]}
        list={campaigns}
        save={campaignHooks.useSave()}
        remove={campaignHooks.useDelete()}
        unavailable={campaignsMissing ? "Campaigns need a newer version of the plugin's API." : undefined}
      />
    </div>
  )
}

export const config = defineRouteConfig({
  label: "Loyalty points",
})

export default LoyaltyPointsSettingsPage
