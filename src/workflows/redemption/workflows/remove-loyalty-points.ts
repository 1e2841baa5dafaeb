import { acquireLockStep, releaseLockStep, updateCartPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { PromotionActions } from "@medusajs/framework/utils"
import { LOYALTY_INTERNAL_CHANGE } from "../utils/loyalty-promotion"
import { createWorkflow, transform, when, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteLoyaltyPromotionsStep } from "../steps/delete-loyalty-promotions"
import { loadCartLoyaltyStateStep } from "../steps/load-cart-loyalty-state"
import { releaseCartHoldStep } from "../steps/release-cart-hold"

export const removeLoyaltyPointsWorkflowId = "loyalty-points-remove-from-cart"

export type RemoveLoyaltyPointsWorkflowInput = {
  cart_id: string
  /** The shopper removing it; omitted when the plugin itself removes a stale discount. */
  customer_id?: string
  /** `expired` when a stale hold is being cleaned up. */
  status?: "released" | "expired"
}

/**
 * Takes the points discount off a cart, releases its hold and deletes the promotion.
 * Removing it from a cart without one changes nothing.
 *
 * @example
 * await removeLoyaltyPointsWorkflow(container).run({ input: { cart_id: "cart_123", customer_id: "cus_123" } })
 */
export const removeLoyaltyPointsWorkflow = createWorkflow(
  removeLoyaltyPointsWorkflowId,
  (input: WorkflowData<RemoveLoyaltyPointsWorkflowInput>) => {
    // The key Medusa's cart completion holds: applying or removing never interleaves with it.
    const lockKey = input.cart_id
    acquireLockStep({ key: lockKey, timeout: 10, ttl: 30 })
    const state = loadCartLoyaltyStateStep(
      transform({ input }, ({ input }) => ({ cart_id: input.cart_id, customer_id: input.customer_id }))
    )
    when("remove-applied-loyalty-codes", { state }, ({ state }) => state.loyalty_codes.length > 0).then(() => {
      updateCartPromotionsWorkflow.runAsStep({
        input: transform({ state, input }, ({ state, input }) => ({
          cart_id: input.cart_id,
          promo_codes: state.loyalty_codes,
          action: PromotionActions.REMOVE,
          force_refresh_payment_collection: true,
          [LOYALTY_INTERNAL_CHANGE]: true,
        })),
      })
    })
    const released = releaseCartHoldStep(
      transform({ input }, ({ input }) => ({ cart_id: input.cart_id, status: input.status ?? "released" }))
    )
    deleteLoyaltyPromotionsStep({ codes: state.loyalty_codes })
    releaseLockStep({ key: lockKey })
    return new WorkflowResponse(released)
  }
)
