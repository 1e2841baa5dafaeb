import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { settleReferralBonusesWorkflow } from "../workflows/bonuses"

const PAYMENT_EVENTS = new Set(["payment.captured", "payment.refunded"])

/**
 * A referred customer's first order: its capture grants both referral bonuses, its full
 * refund or cancellation claws them back. The workflow reads the order's money as it
 * stands, so any of these events, repeated or late, settles the same way.
 */
export default async function loyaltyPointsReferralBonusesHandler({
  event,
  container,
}: SubscriberArgs<{ id: string }>) {
  const input = PAYMENT_EVENTS.has(event.name) ? { payment_id: event.data.id } : { order_id: event.data.id }
  await settleReferralBonusesWorkflow(container).run({ input })
}

export const config: SubscriberConfig = {
  event: ["order.placed", "payment.captured", "payment.refunded", "order.canceled"],
  context: { subscriberId: "loyalty-points-referral-bonuses" },
}
