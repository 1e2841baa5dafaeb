import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { earnOnPaymentCapturedWorkflow } from "../workflows/earning"

/** A captured payment makes its share of the order's pending points spendable. */
export default async function loyaltyPointsPaymentCapturedHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  await earnOnPaymentCapturedWorkflow(container).run({ input: { payment_id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: "payment.captured",
  context: { subscriberId: "loyalty-points-payment-captured" },
}
