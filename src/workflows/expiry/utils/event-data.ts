import type { ExpirePointsResult, ExpiringLotReminderDTO } from "../../../types"

/** `loyalty_points.expired`'s data: one per account an expiry run took points from. */
export function expiredEventData(result: ExpirePointsResult) {
  return result.per_account.map((account) => ({
    account_id: account.account_id,
    customer_id: account.customer_id,
    entry_id: account.entry_id,
    points: account.points,
    money_amount: account.money_amount,
    currency_code: result.currency_code,
    balance: account.balance,
    as_of: result.as_of,
  }))
}

/** `loyalty_points.expiring`'s data: one per lot announced for its date. */
export function expiringEventData(reminders: ExpiringLotReminderDTO[]) {
  return reminders.map((reminder) => ({
    account_id: reminder.account_id,
    customer_id: reminder.customer_id,
    lot_id: reminder.lot_id,
    points: reminder.points,
    expires_at: new Date(reminder.expires_at).toISOString(),
  }))
}
