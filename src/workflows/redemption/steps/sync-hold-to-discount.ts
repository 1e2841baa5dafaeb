import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { syncHoldToDiscount } from "../utils/sync-hold-to-discount"

export const syncHoldToDiscountStepId = "loyalty-points-sync-hold-to-discount"

/**
 * Lowers the cart's hold (and the promotion's value) to what the points discount
 * really takes off the items. Only ever frees points, so there is nothing to undo.
 *
 * @example
 * syncHoldToDiscountStep({ cart_id: "cart_123" })
 */
export const syncHoldToDiscountStep = createStep(
  syncHoldToDiscountStepId,
  async (input: { cart_id: string }, { container }) => {
    return new StepResponse(await syncHoldToDiscount(container, input.cart_id))
  }
)
