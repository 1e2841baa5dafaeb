import { MedusaContainer } from "@medusajs/framework/types"
import {
  ApplicationMethodAllocation,
  ApplicationMethodTargetType,
  ApplicationMethodType,
  Modules,
  PromotionStatus,
  PromotionType,
} from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_CAMPAIGN_IDENTIFIER, newLoyaltyCode } from "../utils/loyalty-promotion"

export const createLoyaltyPromotionStepId = "loyalty-points-create-loyalty-promotion"

export type CreateLoyaltyPromotionStepInput = {
  cart_id: string
  customer_id: string
  currency_code: string
  amount: number
  points: number
  hold_id: string
}

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
 * Creates the cart's points discount: a fixed amount in the cart's currency, on the
 * order, spread across the items, for that customer only, usable once, under the
 * "Loyalty points" campaign, with a code nobody can guess. Compensation deletes it.
 *
 * @example
 * const promotion = createLoyaltyPromotionStep({ cart_id, customer_id, currency_code: "usd", amount: 5, points: 500, hold_id })
 */
export const createLoyaltyPromotionStep = createStep(
  createLoyaltyPromotionStepId,
  async (input: CreateLoyaltyPromotionStepInput, { container }) => {
    const promotionModule = container.resolve(Modules.PROMOTION)
    const campaignId = await ensureLoyaltyCampaign(container)
    const [promotion] = await promotionModule.createPromotions([{
      code: newLoyaltyCode(),
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
      rules: [{ attribute: "customer.id", operator: "eq", values: [input.customer_id] }],
      metadata: {
        loyalty_points: {
          cart_id: input.cart_id,
          customer_id: input.customer_id,
          hold_id: input.hold_id,
          points: input.points,
        },
      },
    } as any])
    return new StepResponse({ id: promotion.id, code: promotion.code as string }, promotion.id)
  },
  async (promotionId, { container }) => {
    if (!promotionId) {
      return
    }
    await container.resolve(Modules.PROMOTION).deletePromotions([promotionId])
  }
)
