import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CartLoyaltyState } from "../utils/cart-loyalty-state"
import { checkRedemption } from "../utils/check-redemption"
import { shareBase } from "../utils/points-limits"
import { redemptionUnavailableReason } from "../../hooks/utils/take-hook"
import { REDEMPTION_UNAVAILABLE } from "../utils/loyalty-promotion"

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
    // Redemption never runs without its completion guard (a hook another plugin may hold).
    const unavailable = redemptionUnavailableReason()
    if (unavailable) {
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, unavailable, REDEMPTION_UNAVAILABLE)
    }
    if (!state.account) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Only a registered customer's cart can use points")
    }
    const result = checkRedemption({
      points: input.points,
      available: state.account.available + (state.hold?.points ?? 0),
      item_total: shareBase(state.cart),
      voucher_amount: state.voucher_amount,
      currency_code: state.cart.currency_code,
      settings: state.settings,
    })
    return new StepResponse(result)
  }
)
