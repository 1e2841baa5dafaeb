import type { ILoyaltyPointsModuleService } from "../../../types"
import { EarnCampaign, EarnScope } from "./compute-earnable-points"

export type EarnCampaignContext = {
  /** When the order was placed: campaigns running then apply, whenever the points are computed. */
  at: Date
  tier_id: string | null
  sales_channel_id: string | null
}

/**
 * The default programme's campaigns that apply to an order: active, running at its
 * placement (`starts_at <= at < ends_at`), open to its customer's tier and its sales
 * channel; each with the product scopes of the earning rules it is limited to.
 *
 * @example
 * const campaigns = await listEarnCampaigns(loyalty, { at: order.created_at, tier_id, sales_channel_id })
 */
export async function listEarnCampaigns(
  loyalty: ILoyaltyPointsModuleService,
  context: EarnCampaignContext
): Promise<EarnCampaign[]> {
  const program = await loyalty.retrieveDefaultProgram()
  const running = await loyalty.listLoyaltyCampaigns(
    {
      program_id: program.id,
      is_active: true,
      starts_at: { $lte: context.at },
      ends_at: { $gt: context.at },
    } as unknown as Parameters<typeof loyalty.listLoyaltyCampaigns>[0],
    { order: { created_at: "ASC" } }
  )
  const open = running.filter(
    (campaign) =>
      (!campaign.tier_ids?.length || (!!context.tier_id && campaign.tier_ids.includes(context.tier_id))) &&
      (!campaign.sales_channel_ids?.length ||
        (!!context.sales_channel_id && campaign.sales_channel_ids.includes(context.sales_channel_id)))
  )
  const ruleIds = [...new Set(open.flatMap((campaign) => campaign.rule_ids ?? []))]
  // Deleted rules still scope the campaigns that name them, so a campaign never widens.
  const rules = ruleIds.length
    ? await loyalty.listLoyaltyEarningRules({ id: ruleIds }, { withDeleted: true })
    : []
  const scopeOf = new Map<string, EarnScope>(
    rules.map((rule) => [rule.id, { target_type: rule.target_type, target_ids: rule.target_ids }])
  )
  return open.map((campaign) => ({
    id: campaign.id,
    name: campaign.name,
    multiplier: Number(campaign.multiplier),
    scopes: campaign.rule_ids?.length
      ? campaign.rule_ids.map((id) => scopeOf.get(id)).filter((scope): scope is EarnScope => !!scope)
      : null,
  }))
}
