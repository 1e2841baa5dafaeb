import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ORDER_FOR_EARNING_FIELDS, OrderForEarning, toOrderForEarning } from "../utils/order-for-earning"

export const loadOrderForEarningStepId = "loyalty-points-load-order-for-earning"

/**
 * Loads an order with its lines, products, shipping and payments, reduced to what
 * earning needs. Returns null when the order does not exist.
 *
 * @example
 * const order = loadOrderForEarningStep({ order_id: "order_123" })
 */
export const loadOrderForEarningStep = createStep(
  loadOrderForEarningStepId,
  async (input: { order_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      fields: ORDER_FOR_EARNING_FIELDS,
      filters: { id: input.order_id },
    })
    return new StepResponse<OrderForEarning | null>(data[0] ? toOrderForEarning(data[0]) : null)
  }
)
