import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { reverseOrderPointsWorkflow } from "../workflows/reversal"

/**
 * A canceled order gives everything back: pending voided, earned clawed back, redeemed
 * returned, hold released. Its refunds emit no `payment.refunded`, so this is their path.
 */
export default async function loyaltyPointsOrderCanceledHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  await reverseOrderPointsWorkflow(container).run({ input: { order_id: event.data.id, cause: "cancel" } })
}

export const config: SubscriberConfig = {
  event: "order.canceled",
  context: { subscriberId: "loyalty-points-order-canceled" },
}
