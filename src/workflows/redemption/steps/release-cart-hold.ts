import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"

export const releaseCartHoldStepId = "loyalty-points-release-cart-hold"

/**
 * Ends the cart's hold (`released` by the shopper, `expired` when stale); nothing to do
 * when the cart holds nothing. Compensation holds the same points again.
 *
 * @example
 * releaseCartHoldStep({ cart_id: "cart_123", status: "released" })
 */
export const releaseCartHoldStep = createStep(
  releaseCartHoldStepId,
  async (input: { cart_id: string; status?: "released" | "expired" }, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const hold = await loyalty.retrieveActiveHoldForCart(input.cart_id)
    if (!hold) {
      return new StepResponse(null, null)
    }
    const result = await loyalty.releaseHold({ hold_id: hold.id, status: input.status ?? "released" })
    return new StepResponse(result.hold, hold)
  },
  async (hold, { container }) => {
    if (!hold) {
      return
    }
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    await loyalty.holdPoints({
      account_id: hold.account_id,
      cart_id: hold.cart_id,
      points: hold.points,
      expires_at: hold.expires_at,
      idempotency_key: `${hold.idempotency_key}:restore`,
    })
  }
)
