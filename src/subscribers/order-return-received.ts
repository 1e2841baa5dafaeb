import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { reverseOrderPointsWorkflow } from "../workflows/reversal"

/**
 * Returned lines give back the points discount Medusa allocated to them. The refund of
 * their money that follows (`payment.refunded`) gives back nothing more for them: both
 * paths reach the same cumulative target.
 */
export default async function loyaltyPointsOrderReturnReceivedHandler({
  event,
  container,
}: SubscriberArgs<{ order_id: string; return_id?: string }>) {
  await reverseOrderPointsWorkflow(container).run({
    input: { order_id: event.data.order_id, cause: "return", return_id: event.data.return_id ?? null },
  })
}

export const config: SubscriberConfig = {
  event: "order.return_received",
  context: { subscriberId: "loyalty-points-order-return-received" },
}
