import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import {
  LOYALTY_POINTS_MODULE,
  NOTIFIABLE_LOYALTY_EVENTS,
  notificationSettingsFor,
  type ILoyaltyPointsModuleService,
  type NotifiableLoyaltyEvent,
} from "../types"
import { sendLoyaltyNotificationWorkflow } from "../workflows/notifications"

/**
 * Loyalty events become notifications when the `notifications` option turns them on.
 * Off (the default) or for an event turned off, no workflow runs: every earn and
 * redemption emits one of these events, and a nightly run hundreds of thousands.
 */
export default async function loyaltyPointsNotificationsHandler({
  event,
  container,
}: SubscriberArgs<Record<string, unknown> & { customer_id?: string }>) {
  const eventName = event.name as NotifiableLoyaltyEvent
  const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  if (!notificationSettingsFor(loyalty.getOptions(), eventName)) {
    return
  }
  await sendLoyaltyNotificationWorkflow(container).run({ input: { event_name: eventName, data: event.data } })
}

export const config: SubscriberConfig = {
  event: [...NOTIFIABLE_LOYALTY_EVENTS],
  context: { subscriberId: "loyalty-points-notifications" },
}
