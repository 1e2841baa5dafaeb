import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { reviseEditedOrderEarningWorkflow } from "../workflows/earning"

/** A confirmed order edit moves the order's pending points to what the edited order earns. */
export default async function loyaltyPointsOrderEditConfirmedHandler({
  event,
  container,
}: SubscriberArgs<{ order_id: string }>) {
  await reviseEditedOrderEarningWorkflow(container).run({ input: { order_id: event.data.order_id } })
}

export const config: SubscriberConfig = {
  event: "order-edit.confirmed",
  context: { subscriberId: "loyalty-points-order-edit-confirmed" },
}
