import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { createPointsPromotion } from "../utils/create-points-promotion"
import { LOYALTY_POINTS_LABEL, newLoyaltyCode } from "../utils/loyalty-promotion"

export const createLoyaltyPromotionStepId = "loyalty-points-create-loyalty-promotion"

export type CreateLoyaltyPromotionStepInput = {
  cart_id: string
  customer_id: string
  currency_code: string
  amount: number
  points: number
  hold_id: string
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
    const promotion = await createPointsPromotion(container, {
      code: newLoyaltyCode(),
      amount: input.amount,
      currency_code: input.currency_code,
      // Restricted to the customer; the plugin's hooks also keep it on its own cart.
      rules: [{ attribute: "customer.id", operator: "eq", values: [input.customer_id] }],
      metadata: {
        // Shown by storefronts (e.g. the Next.js starter's discount list) instead of the code.
        label: LOYALTY_POINTS_LABEL,
        loyalty_points: {
          cart_id: input.cart_id,
          customer_id: input.customer_id,
          hold_id: input.hold_id,
          points: input.points,
        },
      },
    })
    return new StepResponse({ id: promotion.id, code: promotion.code as string }, promotion.id)
  },
  async (promotionId, { container }) => {
    if (!promotionId) {
      return
    }
    await container.resolve(Modules.PROMOTION).deletePromotions([promotionId])
  }
)
