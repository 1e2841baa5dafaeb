import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { recordOrderEarningWorkflow } from "../workflows/earning"

/** A placed order earns pending points (and spendable ones for what is already captured). */
export default async function loyaltyPointsOrderPlacedHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  await recordOrderEarningWorkflow(container).run({ input: { order_id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "loyalty-points-order-placed" },
}
