import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CartLoyaltyState } from "../utils/cart-loyalty-state"
import { checkRedemption } from "../utils/check-redemption"
import { toAmount } from "../../earning/utils/order-for-earning"

export const validateRedemptionStepId = "loyalty-points-validate-redemption"

/**
 * Checks a redemption against the programme's limits and the shopper's points; the
 * points this cart already holds count as available, since applying again replaces
 * them. Answers the discount amount.
 *
 * @example
 * const { amount } = validateRedemptionStep({ state, points: 500 })
 */
export const validateRedemptionStep = createStep(
  validateRedemptionStepId,
  async (input: { state: CartLoyaltyState; points: number }) => {
    const { state } = input
    if (!state.account) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Only a registered customer's cart can use points")
    }
    const result = checkRedemption({
      points: input.points,
      available: state.account.available + (state.hold?.points ?? 0),
      item_total: toAmount(state.cart.item_subtotal),
      currency_code: state.cart.currency_code,
      settings: state.settings,
    })
    return new StepResponse(result)
  }
)
