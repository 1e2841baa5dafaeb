import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { NOTIFIABLE_LOYALTY_EVENTS, type NotifiableLoyaltyEvent } from "../types"
import { sendLoyaltyNotificationWorkflow } from "../workflows/notifications"

/** Loyalty events become notifications when the `notifications` option turns them on. */
export default async function loyaltyPointsNotificationsHandler({
  event,
  container,
}: SubscriberArgs<Record<string, unknown> & { customer_id?: string }>) {
  await sendLoyaltyNotificationWorkflow(container).run({
    input: { event_name: event.name as NotifiableLoyaltyEvent, data: event.data },
  })
}

export const config: SubscriberConfig = {
  event: [...NOTIFIABLE_LOYALTY_EVENTS],
  context: { subscriberId: "loyalty-points-notifications" },
}
