import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { reverseOnPaymentRefundedWorkflow } from "../workflows/reversal"

/** A refund claws back its share of the order's earned points and gives back its share of the points spent. */
export default async function loyaltyPointsPaymentRefundedHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  await reverseOnPaymentRefundedWorkflow(container).run({ input: { payment_id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: "payment.refunded",
  context: { subscriberId: "loyalty-points-payment-refunded" },
}
