import { acquireLockStep, releaseLockStep, updateCartPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { PromotionActions } from "@medusajs/framework/utils"
import { LOYALTY_INTERNAL_CHANGE } from "../utils/loyalty-promotion"
import { createWorkflow, transform, when, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteLoyaltyPromotionsStep } from "../steps/delete-loyalty-promotions"
import { syncHoldToDiscountStep } from "../steps/sync-hold-to-discount"

export const syncCartPointsHoldWorkflowId = "loyalty-points-sync-cart-hold"

/**
 * Makes a cart's points hold follow its points discount after the cart changed: when
 * Medusa capped the discount at what the items are now worth, or the programme's
 * limits (`max_share`, `max_points_per_order`) no longer allow it, the discount and
 * the hold shrink to fit (the cart's discount is recomputed) and the freed points are
 * spendable again; when the discount was taken off by hand, the hold is released.
 * Takes the cart's lock (the key Medusa's cart completion holds), so it never
 * interleaves with a completion. Run by the `cart.updated` subscriber, when the cart
 * state is read, and after a completion refused a discount beyond the limits; running
 * it again changes nothing.
 *
 * @example
 * await syncCartPointsHoldWorkflow(container).run({ input: { cart_id: "cart_123" } })
 */
export const syncCartPointsHoldWorkflow = createWorkflow(
  syncCartPointsHoldWorkflowId,
  (input: WorkflowData<{ cart_id: string }>) => {
    acquireLockStep({ key: input.cart_id, timeout: 30, ttl: 60 })
    const result = syncHoldToDiscountStep({ cart_id: input.cart_id })
    when("loyalty-points-recompute-cart-discount", { result }, ({ result }) => result.promo_codes !== null).then(() => {
      updateCartPromotionsWorkflow.runAsStep({
        input: transform({ result, input }, ({ result, input }) => ({
          cart_id: input.cart_id,
          promo_codes: result.promo_codes ?? [],
          action: PromotionActions.REPLACE,
          force_refresh_payment_collection: true,
          [LOYALTY_INTERNAL_CHANGE]: true,
        })),
      })
    })
    deleteLoyaltyPromotionsStep(transform({ result }, ({ result }) => ({ codes: result.released_codes })))
    releaseLockStep({ key: input.cart_id })
    return new WorkflowResponse(result)
  }
)
