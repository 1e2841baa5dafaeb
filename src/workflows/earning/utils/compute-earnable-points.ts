import { ProgramSettings } from "../../../types/program-settings"

/** One line of an order or cart, reduced to what earning needs. */
export type EarnableLine = {
  id: string
  /** What the shopper pays for the line after every discount (points included), tax excluded. */
  amount_excluding_tax: number
  /** The same with tax. */
  amount_including_tax: number
  product_id?: string | null
  collection_id?: string | null
  category_ids?: string[]
  type_id?: string | null
  is_giftcard?: boolean
}

export type EarnableShipping = {
  amount_excluding_tax: number
  amount_including_tax: number
}

/** An earning rule as the computation sees it: already filtered to those active now. */
export type EarnRule = {
  id: string
  action: "multiplier" | "exclude"
  multiplier: number | null
  target_type: "product" | "collection" | "category" | "product_type"
  target_ids: string[]
}

/** A product scope: the targets of an earning rule. */
export type EarnScope = Pick<EarnRule, "target_type" | "target_ids">

/**
 * A campaign as the computation sees it: already filtered to those running when the
 * order was placed and open to its customer's tier and its sales channel.
 */
export type EarnCampaign = {
  id: string
  name: string
  multiplier: number
  /** Only lines in one of these scopes; null: every line (and shipping). */
  scopes: EarnScope[] | null
}

export type EarnableInput = {
  currency_code: string
  lines: EarnableLine[]
  shipping?: EarnableShipping
  settings: ProgramSettings
  rules?: EarnRule[]
  /** The customer's tier multiplier (Gold +20% = 1.2); 1 without a tier. */
  tier_multiplier?: number
  /** Dated campaigns ("double points this weekend"); the strongest matching one applies per line. */
  campaigns?: EarnCampaign[]
}

export type EarnableLineBreakdown = {
  line_id: string
  amount: number
  multiplier: number
  points: number
  excluded: null | "gift_card" | { rule_id: string }
  rule_ids: string[]
  /** The campaign whose multiplier the line earned with (the strongest that matched), or null. */
  campaign_id?: string | null
  campaign_multiplier?: number
}

export type EarnableBreakdown = {
  points: number
  currency_code: string
  /** Why nothing is earned, when nothing is. */
  reason: null | "no_earn_rate" | "below_minimum" | "nothing_earnable"
  rate: number | null
  /** The amount the points were computed on (lines and, when configured, shipping). */
  qualifying_amount: number
  lines: EarnableLineBreakdown[]
  shipping: { amount: number; points: number } | null
  tier_multiplier: number
  /** The strongest campaign multiplier applied to any line (1 without a campaign). */
  campaign_multiplier: number
  /** The strongest campaign applied to the order, or null. */
  campaign: { id: string; name: string; multiplier: number } | null
  /** Every campaign that applied to some line or the shipping. */
  campaign_ids: string[]
  /** Points before rounding and the per-order cap. */
  unrounded_points: number
  capped_by: null | "max_points_per_order"
}

const EPSILON = 1e-9

function matches(rule: EarnScope, line: EarnableLine) {
  switch (rule.target_type) {
    case "product":
      return !!line.product_id && rule.target_ids.includes(line.product_id)
    case "collection":
      return !!line.collection_id && rule.target_ids.includes(line.collection_id)
    case "category":
      return (line.category_ids ?? []).some((id) => rule.target_ids.includes(id))
    case "product_type":
      return !!line.type_id && rule.target_ids.includes(line.type_id)
  }
}

/** The strongest campaign among those that reach the line (no scopes: every line). */
function strongestCampaign(campaigns: EarnCampaign[], line: EarnableLine | null): EarnCampaign | null {
  let best: EarnCampaign | null = null
  for (const campaign of campaigns) {
    const reaches = campaign.scopes === null || (line !== null && campaign.scopes.some((scope) => matches(scope, line)))
    if (reaches && campaign.multiplier > (best?.multiplier ?? 1)) {
      best = campaign
    }
  }
  return best
}

/** Rounds once per order, tolerating float noise (0.1 * 3 is 0.30000000000000004). */
export function roundPoints(value: number, mode: ProgramSettings["rounding"]) {
  if (mode === "up") {
    return Math.ceil(value - EPSILON)
  }
  if (mode === "nearest") {
    return Math.round(value + EPSILON)
  }
  return Math.floor(value + EPSILON)
}

/**
 * The points an order (or cart) earns: per line, the amount paid after every discount
 * (tax and shipping only when the programme says so), times the currency's rate,
 * times the strongest matching rule multiplier (an exclusion or a gift card earns
 * nothing) and the strongest campaign that reaches the line; summed, times the tier
 * multiplier, rounded once, capped.
 * A currency without a rate earns nothing, so no amount is ever earned at another
 * currency's rate.
 */
export function computeEarnablePoints(input: EarnableInput): EarnableBreakdown {
  const { settings } = input
  const currency = input.currency_code.toLowerCase()
  const rate = settings.earn_rates[currency]
  const tierMultiplier = input.tier_multiplier ?? 1
  const campaigns = input.campaigns ?? []
  const rules = input.rules ?? []
  const pick = (amounts: { amount_excluding_tax: number; amount_including_tax: number }) =>
    Math.max(settings.earn_on_tax ? amounts.amount_including_tax : amounts.amount_excluding_tax, 0)

  const lines: EarnableLineBreakdown[] = input.lines.map((line) => {
    const amount = pick(line)
    if (line.is_giftcard) {
      return { line_id: line.id, amount, multiplier: 0, points: 0, excluded: "gift_card", rule_ids: [] }
    }
    const matching = rules.filter((rule) => matches(rule, line))
    const exclusion = matching.find((rule) => rule.action === "exclude")
    if (exclusion) {
      return { line_id: line.id, amount, multiplier: 0, points: 0, excluded: { rule_id: exclusion.id }, rule_ids: [exclusion.id] }
    }
    const multipliers = matching.filter((rule) => rule.action === "multiplier" && rule.multiplier)
    // The strongest rule wins rather than multiplying rules together: two overlapping
    // 2x promotions should not silently become 4x.
    const multiplier = multipliers.reduce((max, rule) => Math.max(max, rule.multiplier as number), 1)
    // Campaigns, likewise, take the strongest that reaches the line, on top of the rule.
    const campaign = strongestCampaign(campaigns, line)
    const campaignMultiplier = campaign?.multiplier ?? 1
    return {
      line_id: line.id,
      amount,
      multiplier,
      points: rate === undefined ? 0 : amount * rate * multiplier * campaignMultiplier,
      excluded: null,
      rule_ids: multipliers.map((rule) => rule.id),
      campaign_id: campaign?.id ?? null,
      campaign_multiplier: campaignMultiplier,
    }
  })
  const shippingAmount = settings.earn_on_shipping && input.shipping ? pick(input.shipping) : null
  const shippingCampaign = strongestCampaign(campaigns, null)
  const shipping =
    shippingAmount === null
      ? null
      : {
          amount: shippingAmount,
          points: rate === undefined ? 0 : shippingAmount * rate * (shippingCampaign?.multiplier ?? 1),
        }
  const applied = new Map<string, EarnCampaign>()
  for (const line of lines) {
    const campaign = campaigns.find((candidate) => candidate.id === line.campaign_id)
    if (campaign) {
      applied.set(campaign.id, campaign)
    }
  }
  if (shipping && shippingCampaign) {
    applied.set(shippingCampaign.id, shippingCampaign)
  }
  const strongest = [...applied.values()].reduce<EarnCampaign | null>(
    (best, campaign) => (campaign.multiplier > (best?.multiplier ?? 1) ? campaign : best),
    null
  )
  const qualifyingAmount =
    lines.filter((line) => !line.excluded).reduce((sum, line) => sum + line.amount, 0) + (shipping?.amount ?? 0)

  const result: EarnableBreakdown = {
    points: 0,
    currency_code: currency,
    reason: null,
    rate: rate ?? null,
    qualifying_amount: qualifyingAmount,
    lines,
    shipping,
    tier_multiplier: tierMultiplier,
    campaign_multiplier: strongest?.multiplier ?? 1,
    campaign: strongest ? { id: strongest.id, name: strongest.name, multiplier: strongest.multiplier } : null,
    campaign_ids: [...applied.keys()],
    unrounded_points: 0,
    capped_by: null,
  }
  if (rate === undefined || rate === 0) {
    return { ...result, reason: "no_earn_rate" }
  }
  const minimum = settings.min_order_amounts[currency] ?? 0
  if (qualifyingAmount < minimum) {
    return { ...result, reason: "below_minimum" }
  }
  const base = lines.reduce((sum, line) => sum + line.points, 0) + (shipping?.points ?? 0)
  const unrounded = base * tierMultiplier
  let points = roundPoints(unrounded, settings.rounding)
  let cappedBy: EarnableBreakdown["capped_by"] = null
  if (settings.max_points_per_order !== null && points > settings.max_points_per_order) {
    points = settings.max_points_per_order
    cappedBy = "max_points_per_order"
  }
  return {
    ...result,
    points,
    unrounded_points: unrounded,
    capped_by: cappedBy,
    reason: points > 0 ? null : "nothing_earnable",
  }
}
