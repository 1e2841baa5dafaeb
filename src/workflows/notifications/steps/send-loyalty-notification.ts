import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  LOYALTY_POINTS_MODULE,
  type ILoyaltyPointsModuleService,
  type NotifiableLoyaltyEvent,
  notificationSettingsFor,
} from "../../../types"

export const sendLoyaltyNotificationStepId = "loyalty-points-send-notification"

export type SendLoyaltyNotificationInput = {
  /** One of the notifiable `loyalty_points.*` events. */
  event_name: NotifiableLoyaltyEvent
  /** The event's payload; it names the customer (`customer_id`). */
  data: Record<string, unknown> & { customer_id?: string }
}

export type SendLoyaltyNotificationResult = {
  sent: boolean
  reason?: "disabled" | "no_customer" | "no_address" | "duplicate" | "nothing_expiring"
  notification_id?: string
}

const EXPIRING = "loyalty_points.expiring"

/** The UTC day of a reminder's date ("2026-12-31"): a shopper hears about each day once. */
export function expiryDay(expiresAt: unknown) {
  return new Date(String(expiresAt)).toISOString().slice(0, 10)
}

/**
 * The key that makes the same event's notification go out once, however often the
 * event is delivered: the entry the event is about, for reminders the account and the
 * day its points expire (several lots expiring the same day, as a period's lots do
 * under `end_of_period`, make one reminder), for a tier change the change and its day.
 */
export function notificationKey(eventName: NotifiableLoyaltyEvent, data: Record<string, unknown>) {
  const about =
    eventName === EXPIRING
      ? `${data.account_id}:${expiryDay(data.expires_at)}`
      : eventName === "loyalty_points.tier_changed"
        ? `${data.account_id}:${data.previous_tier_id}:${data.tier_id}:${new Date().toISOString().slice(0, 10)}`
        : String(data.entry_id ?? data.id)
  return `loyalty-points:${eventName}:${about}`
}

/**
 * Turns a loyalty event into a notification through Medusa's Notification Module, with
 * the template and channel the `notifications.events` option gives the event, to the
 * customer's email (or phone for `sms`). Does nothing when notifications are off (the
 * default), the event is turned off, or the customer has no address on that channel.
 * The notification's idempotency key (and a lock on it) sends it once per event; a
 * reminder once per shopper and day, with `points` the shopper's points expiring that
 * day (every lot of the day, read when it is sent) and `lot_points` the event's own.
 *
 * @example
 * sendLoyaltyNotificationStep({ event_name: "loyalty_points.earned", data: { id: "lpent_1", customer_id: "cus_1", points: 50 } })
 */
export const sendLoyaltyNotificationStep = createStep(
  sendLoyaltyNotificationStepId,
  async (input: SendLoyaltyNotificationInput, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const options = loyalty.getOptions()
    const settings = notificationSettingsFor(options, input.event_name)
    if (!settings) {
      return new StepResponse<SendLoyaltyNotificationResult>({ sent: false, reason: "disabled" })
    }
    if (!input.data.customer_id) {
      return new StepResponse<SendLoyaltyNotificationResult>({ sent: false, reason: "no_customer" })
    }
    const [customer] = await container
      .resolve(Modules.CUSTOMER)
      .listCustomers({ id: input.data.customer_id }, { select: ["id", "email", "phone", "first_name", "last_name"] })
    if (!customer) {
      return new StepResponse<SendLoyaltyNotificationResult>({ sent: false, reason: "no_customer" })
    }
    const to = settings.channel === "sms" ? customer.phone : customer.email
    if (!to) {
      return new StepResponse<SendLoyaltyNotificationResult>({ sent: false, reason: "no_address" })
    }
    let data: Record<string, unknown> = input.data
    if (input.event_name === EXPIRING) {
      const points = await pointsExpiringOnDay(loyalty, String(input.data.account_id), expiryDay(input.data.expires_at))
      if (!points) {
        // Spent or expired since the reminder was recorded: nothing to tell.
        return new StepResponse<SendLoyaltyNotificationResult>({ sent: false, reason: "nothing_expiring" })
      }
      data = { ...input.data, points, lot_points: input.data.points }
    }
    const key = notificationKey(input.event_name, input.data)
    const notifications = container.resolve(Modules.NOTIFICATION)
    // The module checks the key before it inserts: the lock keeps two deliveries of one
    // event from both passing that check.
    const sent = await container.resolve(Modules.LOCKING).execute(key, async () => {
      const [existing] = await notifications.listNotifications({ idempotency_key: key } as Record<string, unknown>, {
        select: ["id"],
      })
      if (existing) {
        return null
      }
      const created = await notifications.createNotifications({
        to,
        channel: settings.channel,
        template: settings.template,
        trigger_type: input.event_name,
        resource_type: "loyalty_account",
        resource_id: (input.data.account_id as string | undefined) ?? null,
        receiver_id: customer.id,
        idempotency_key: key,
        data: {
          ...data,
          event: input.event_name,
          customer: { first_name: customer.first_name, last_name: customer.last_name, email: customer.email },
        },
      })
      if (!created) {
        throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `The notification for ${key} was not created`)
      }
      return created.id
    })
    return new StepResponse<SendLoyaltyNotificationResult>(
      sent ? { sent: true, notification_id: sent } : { sent: false, reason: "duplicate" }
    )
  }
)

/** The account's open points expiring on `day` (UTC): the first day from that day on, if it is that day. */
async function pointsExpiringOnDay(loyalty: ILoyaltyPointsModuleService, accountId: string, day: string) {
  const [first] = (await loyalty.listExpiringPoints([accountId], { per_account: 1, from: `${day}T00:00:00.000Z` }))[accountId] ?? []
  return first && expiryDay(first.expires_at) === day ? first.points : 0
}
