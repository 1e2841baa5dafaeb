import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CreateLoyaltyCampaignInput, LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"

export const validateCampaignStepId = "loyalty-points-validate-campaign"

/**
 * Checks a campaign as it will be stored: it ends after it starts, and every tier,
 * sales channel and earning rule it is limited to exists (400 naming the field and the
 * unknown ids), so a typo cannot leave a campaign silently reaching nobody.
 *
 * @example
 * validateCampaignStep({ name: "Double weekend", multiplier: 2, starts_at, ends_at, tier_ids: ["lptier_gold"] })
 */
export const validateCampaignStep = createStep(
  validateCampaignStepId,
  async (campaign: CreateLoyaltyCampaignInput, { container }) => {
    if (new Date(campaign.ends_at).getTime() <= new Date(campaign.starts_at).getTime()) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Field 'ends_at' must be after 'starts_at'")
    }
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const unknownOf = (ids: string[], found: { id: string }[]) => {
      const known = new Set(found.map((row) => row.id))
      return ids.filter((id) => !known.has(id))
    }
    const checks: [string, string[], (ids: string[]) => Promise<{ id: string }[]>][] = [
      ["tier_ids", campaign.tier_ids ?? [], (ids) => loyalty.listLoyaltyTiers({ id: ids }, { select: ["id"] })],
      [
        "sales_channel_ids",
        campaign.sales_channel_ids ?? [],
        (ids) => container.resolve(Modules.SALES_CHANNEL).listSalesChannels({ id: ids }, { select: ["id"] }),
      ],
      ["rule_ids", campaign.rule_ids ?? [], (ids) => loyalty.listLoyaltyEarningRules({ id: ids }, { select: ["id"] })],
    ]
    for (const [field, ids, list] of checks) {
      if (!ids.length) {
        continue
      }
      const unknown = unknownOf(ids, await list(ids))
      if (unknown.length) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `Field '${field}': unknown id ${unknown.join(", ")}`)
      }
    }
    return new StepResponse(void 0)
  }
)
