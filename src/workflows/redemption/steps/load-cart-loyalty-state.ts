import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CartLoyaltyState, loadCartLoyaltyState } from "../utils/cart-loyalty-state"

export const loadCartLoyaltyStateStepId = "loyalty-points-load-cart-loyalty-state"

/**
 * Loads the cart with its points discount, hold and the customer's account. Refuses a
 * cart that is not the customer's (404, no hint it exists) or already completed.
 *
 * @example
 * const state = loadCartLoyaltyStateStep({ cart_id: "cart_123", customer_id: "cus_123" })
 */
export const loadCartLoyaltyStateStep = createStep(
  loadCartLoyaltyStateStepId,
  async (input: { cart_id: string; customer_id?: string | null }, { container }) => {
    const state = await loadCartLoyaltyState(container, input.cart_id)
    if (!state || (input.customer_id !== undefined && state.cart.customer_id !== input.customer_id)) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart id not found: ${input.cart_id}`)
    }
    if (state.cart.completed_at) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Cart ${input.cart_id} is already completed`)
    }
    return new StepResponse<CartLoyaltyState>(state)
  }
)
