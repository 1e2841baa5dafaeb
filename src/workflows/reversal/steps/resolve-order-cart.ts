import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const resolveOrderCartStepId = "loyalty-points-resolve-order-cart"

/**
 * Finds the cart an order was placed from (through Medusa's order-cart link), or null
 * for an order that had none (a converted draft order). Holds and the points spent in
 * checkout are keyed by the cart.
 *
 * @example
 * const { cart_id } = resolveOrderCartStep({ order_id: "order_123" })
 */
export const resolveOrderCartStep = createStep(
  resolveOrderCartStepId,
  async (input: { order_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order_cart",
      fields: ["cart_id"],
      filters: { order_id: input.order_id },
    })
    return new StepResponse({ cart_id: (data[0]?.cart_id ?? null) as string | null })
  }
)
