import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const resolvePaymentOrderStepId = "loyalty-points-resolve-payment-order"

/**
 * Finds the order a payment belongs to (through its payment collection), or null for a
 * payment that is not an order's.
 *
 * @example
 * const { order_id } = resolvePaymentOrderStep({ payment_id: "pay_123" })
 */
export const resolvePaymentOrderStep = createStep(
  resolvePaymentOrderStepId,
  async (input: { payment_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: payments } = await query.graph({
      entity: "payment",
      fields: ["id", "payment_collection_id"],
      filters: { id: input.payment_id },
    })
    const collectionId = payments[0]?.payment_collection_id
    if (!collectionId) {
      return new StepResponse({ order_id: null as string | null })
    }
    const { data: links } = await query.graph({
      entity: "order_payment_collection",
      fields: ["order_id"],
      filters: { payment_collection_id: collectionId },
    })
    return new StepResponse({ order_id: (links[0]?.order_id ?? null) as string | null })
  }
)
