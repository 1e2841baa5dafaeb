import { CreatePromotionDTO, MedusaContainer } from "@medusajs/framework/types"
import {
  ApplicationMethodAllocation,
  ApplicationMethodTargetType,
  ApplicationMethodType,
  Modules,
  PromotionStatus,
  PromotionType,
} from "@medusajs/framework/utils"
import { LOYALTY_CAMPAIGN_IDENTIFIER } from "./loyalty-promotion"

/** The "Loyalty points" campaign every points discount is grouped under, created on first use. */
export async function ensureLoyaltyCampaign(container: MedusaContainer) {
  const promotionModule = container.resolve(Modules.PROMOTION)
  const [existing] = await promotionModule.listCampaigns({ campaign_identifier: [LOYALTY_CAMPAIGN_IDENTIFIER] })
  if (existing) {
    return existing.id
  }
  try {
    const created = await promotionModule.createCampaigns({
      name: "Loyalty points",
      campaign_identifier: LOYALTY_CAMPAIGN_IDENTIFIER,
      description: "Discounts paid with loyalty points (managed by medusa-loyalty-points)",
    })
    return created.id
  } catch (error) {
    // Two first redemptions at once: the other one created it.
    const [raced] = await promotionModule.listCampaigns({ campaign_identifier: [LOYALTY_CAMPAIGN_IDENTIFIER] })
    if (raced) {
      return raced.id
    }
    throw error
  }
}

/**
 * A promotion worth points: a fixed amount in one currency, on the order, spread across
 * the items, usable once, active, under the "Loyalty points" campaign. Cart discounts
 * and vouchers differ only in their code, rules and metadata.
 */
export async function createPointsPromotion(
  container: MedusaContainer,
  input: {
    code: string
    amount: number
    currency_code: string
    rules?: { attribute: string; operator: "eq"; values: string[] }[]
    metadata: Record<string, unknown>
    /** The campaign to put it under; default the shared "Loyalty points" campaign. */
    campaign_id?: string
  }
) {
  const campaignId = input.campaign_id ?? (await ensureLoyaltyCampaign(container))
  const [promotion] = await container.resolve(Modules.PROMOTION).createPromotions([
    {
      code: input.code,
      type: PromotionType.STANDARD,
      status: PromotionStatus.ACTIVE,
      is_automatic: false,
      limit: 1,
      campaign_id: campaignId,
      application_method: {
        type: ApplicationMethodType.FIXED,
        target_type: ApplicationMethodTargetType.ORDER,
        allocation: ApplicationMethodAllocation.ACROSS,
        value: input.amount,
        currency_code: input.currency_code,
      },
      rules: input.rules ?? [],
      metadata: input.metadata,
    } as CreatePromotionDTO,
  ])
  return promotion
}
