/** What the nightly run's parts take and answer: reminders, tier reviews, reconciliation runs. */

export type RemindExpiringPointsInput = {
  /** The moment the window starts (default now). */
  as_of?: Date | string
  /** Lots per statement (default 1,000). */
  batch_size?: number
  /** Start after this lot (in id order): where the previous page stopped (`next_after_lot_id`). */
  after_lot_id?: string
  /**
   * Stop after the statement that reaches this many lots looked at (default: go on to
   * the end of the window), so that a caller can announce page by page.
   */
  max_lots?: number
}

/** A lot announced as expiring (`loyalty_points.expiring`). */
export type ExpiringLotReminderDTO = {
  account_id: string
  customer_id: string
  lot_id: string
  points: number
  expires_at: Date
}

export type RemindExpiringPointsResult = {
  as_of: string
  /** The programme's `expiry.reminder_days` the window was measured with. */
  reminder_days: number
  /** The lots announced by this run: each lot and date only once, whatever the runs. */
  reminders: ExpiringLotReminderDTO[]
  /** Where the next page starts when the run stopped at `max_lots`; null when the window is done. */
  next_after_lot_id: string | null
}

export type ReviewTiersInput = {
  /** The moment of the review (default now): the window and the retention are measured to it. */
  as_of?: Date | string
  /** Accounts per batch (default 1,000). */
  batch_size?: number
}

/** An account the review moved down a tier. */
export type TierDropDTO = {
  account_id: string
  customer_id: string
  previous_tier_id: string
  tier_id: string | null
  /** Since when the account had been below its tier's threshold. */
  below_since: Date
}

export type ReviewTiersResult = {
  as_of: string
  accounts_reviewed: number
  /** Accounts found below their tier for the first time (the retention starts). */
  newly_below: number
  /** Accounts that qualify again: their retention clock was stopped. */
  recovered: number
  dropped: TierDropDTO[]
}

export type RunReconciliationInput = {
  /** Accounts per batch (default 1,000). */
  batch_size?: number
}
