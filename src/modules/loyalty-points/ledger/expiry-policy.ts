import { EntryType, ProgramSettings } from "../../../types"
import { LedgerDb } from "./db"

/**
 * The programme's expiry policy (setting `expiry`): the date a new lot gets, and for
 * `inactivity` the push of every open lot when the shopper earns or redeems.
 */

const DAY_MS = 24 * 60 * 60 * 1000

/** The entries that count as activity under the `inactivity` policy. */
export const ACTIVITY_TYPES: readonly EntryType[] = ["earn", "redeem"]

const SQL = {
  /**
   * Moves every lot of the account that is still open at :now forward to :expires_at
   * (never backward, never a lot that does not expire, never a lot whose date has
   * already passed: those points are already due to expire).
   */
  pushOpenLots: `
    UPDATE loyalty_points_lot
    SET expires_at = CAST(:expires_at AS timestamptz), updated_at = now()
    WHERE account_id = :account_id AND remaining > 0 AND deleted_at IS NULL
      AND expires_at > CAST(:now AS timestamptz) AND expires_at < CAST(:expires_at AS timestamptz)`,
}

/**
 * The first instant after the end of the month (or year) that lies `months` months
 * after `earnedAt`, in UTC: points earned on 15 March with `months: 3` and `period:
 * "month"` expire at 1 July 00:00 UTC; with `period: "year"`, at 1 January next year.
 */
export function endOfPeriod(earnedAt: Date, months: number, period: "month" | "year"): Date {
  const year = earnedAt.getUTCFullYear()
  const month = earnedAt.getUTCMonth() + months
  if (period === "year") {
    return new Date(Date.UTC(year + Math.floor(month / 12) + 1, 0, 1))
  }
  return new Date(Date.UTC(year, month + 1, 1))
}

/** When a lot credited at `earnedAt` expires under the programme's policy; null: never. */
export function lotExpiry(settings: ProgramSettings, earnedAt: Date = new Date()): Date | null {
  const { policy, days, months, period } = settings.expiry
  switch (policy) {
    case "never":
      return null
    case "end_of_period":
      return endOfPeriod(earnedAt, months, period)
    case "days_after_earn":
    case "inactivity":
      return new Date(earnedAt.getTime() + days * DAY_MS)
  }
}

/**
 * Under the `inactivity` policy, an earn or a redeem moves every open lot of the
 * account to `days` from now, so the balance expires only after `days` without
 * either. Other policies and other entry types change nothing. Runs under the
 * account lock, in the transaction of the entry that is the activity.
 */
export async function recordActivity(
  db: LedgerDb,
  accountId: string,
  type: EntryType,
  settings: ProgramSettings,
  now: Date = new Date()
) {
  if (settings.expiry.policy !== "inactivity" || !ACTIVITY_TYPES.includes(type)) {
    return
  }
  await db.rows(SQL.pushOpenLots, {
    account_id: accountId,
    now: now.toISOString(),
    expires_at: lotExpiry(settings, now)!.toISOString(),
  })
}
