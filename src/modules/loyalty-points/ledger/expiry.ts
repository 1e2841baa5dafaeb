import { MathBN } from "@medusajs/framework/utils"
import {
  ExpiredAccountDTO,
  ExpirePointsInput,
  ExpirePointsResult,
  ExpiringPointsDTO,
  ProgramSettings,
} from "../../../types"
import { LedgerDb } from "./db"
import { assertDate, assertPositiveInteger } from "./rows"
import { roundLedgerMoney } from "../../../utils/money"

/**
 * Expiry: lots whose date has passed are emptied in batches of accounts, each batch
 * one transaction of set-based SQL writing one `expire` entry per account; and the
 * listing of the points about to expire.
 */

const SQL = {
  /** What a run at :as_of would expire, per account. */
  dueByAccount: `
    SELECT l.account_id, a.customer_id, CAST(COUNT(*) AS integer) AS lots, CAST(SUM(l.remaining) AS integer) AS points
    FROM loyalty_points_lot l JOIN loyalty_points_account a ON a.id = l.account_id
    WHERE l.remaining > 0 AND l.expires_at <= ? AND l.deleted_at IS NULL
    GROUP BY l.account_id, a.customer_id
    ORDER BY l.account_id`,
  lockAccountsWithDueLots: `
    SELECT a.id FROM loyalty_points_account a
    WHERE a.id IN (
      SELECT DISTINCT account_id FROM loyalty_points_lot
      WHERE remaining > 0 AND expires_at <= ? AND deleted_at IS NULL
      ORDER BY account_id
      LIMIT ?
    )
    ORDER BY a.id
    FOR UPDATE`,
  /**
   * Expires the due lots of the locked accounts :ids in one statement: empties the
   * lots, writes one `expire` entry per account and lowers each balance.
   */
  expireLotsOfAccounts: `
    WITH due AS (
      SELECT id, remaining FROM loyalty_points_lot
      WHERE account_id = ANY(:ids) AND remaining > 0 AND expires_at <= :as_of AND deleted_at IS NULL
    ),
    expired AS (
      UPDATE loyalty_points_lot AS lot
      SET expired_points = lot.expired_points + due.remaining, remaining = 0, updated_at = now()
      FROM due
      WHERE lot.id = due.id
      RETURNING lot.id, lot.account_id, due.remaining AS points
    ),
    per_account AS (
      SELECT account_id, CAST(SUM(points) AS integer) AS points, COUNT(*) AS lots, MIN(id) AS first_lot_id
      FROM expired
      GROUP BY account_id
    ),
    entries AS (
      INSERT INTO loyalty_points_entry (
        id, account_id, program_id, type, points, balance_change, pending_change,
        money_amount, raw_money_amount, currency_code, actor_type, reason,
        reference_type, reference_id, idempotency_key, metadata,
        tier_points_total, tier_amount_total, raw_tier_amount_total, created_at, updated_at)
      SELECT
        'lpent_' || upper(replace(CAST(gen_random_uuid() AS text), '-', '')),
        a.id, a.program_id, 'expire', -p.points, -p.points, 0,
        ROUND(p.points * CAST(:value_per_point AS numeric), 6),
        jsonb_build_object('value', CAST(ROUND(p.points * CAST(:value_per_point AS numeric), 6) AS text), 'precision', 20),
        :currency, 'system', 'expired',
        'expiry', :as_of_text,
        'expire:' || a.id || ':' || :as_of_text || ':' || p.first_lot_id,
        jsonb_build_object('lots', p.lots),
        a.tier_points_total, COALESCE(CAST(a.tier_amounts_total ->> CAST(:currency AS text) AS numeric), 0),
        jsonb_build_object('value', CAST(COALESCE(CAST(a.tier_amounts_total ->> CAST(:currency AS text) AS numeric), 0) AS text), 'precision', 20),
        clock_timestamp(), clock_timestamp()
      FROM per_account p JOIN loyalty_points_account a ON a.id = p.account_id
      RETURNING id, account_id, money_amount
    ),
    accounts AS (
      UPDATE loyalty_points_account AS a
      SET balance = a.balance - p.points, entry_count = a.entry_count + 1, updated_at = now()
      FROM per_account p
      WHERE a.id = p.account_id
      RETURNING a.id, a.customer_id, a.balance
    )
    SELECT p.account_id, u.customer_id, e.id AS entry_id, p.points, CAST(p.lots AS integer) AS lots,
      e.money_amount, u.balance
    FROM per_account p
    JOIN entries e ON e.account_id = p.account_id
    JOIN accounts u ON u.id = p.account_id
    ORDER BY p.account_id`,
  /**
   * The accounts' open lots grouped by expiry day (UTC), soonest first, at most
   * :per_account days per account, from :from on. `expires_at` is the first moment of the group. Walks
   * the lot index (account_id, expires_at) day by day: each step finds the next day
   * with an open lot, and only that day's lots are summed, so the cost is the next
   * :per_account days' lots, not the account's history; the index ends with
   * `remaining`, so the sums are read from it without visiting the lots.
   */
  listExpiringPoints: `
    WITH RECURSIVE days AS (
      SELECT acc.id AS account_id, first_day.day, 1 AS position
      FROM unnest(CAST(:ids AS text[])) AS acc(id)
      CROSS JOIN LATERAL (
        SELECT date_trunc('day', l.expires_at AT TIME ZONE 'UTC') AS day
        FROM loyalty_points_lot l
        WHERE l.account_id = acc.id AND l.remaining > 0 AND l.expires_at IS NOT NULL AND l.deleted_at IS NULL
          AND l.expires_at >= CAST(:from AS timestamptz)
        ORDER BY l.expires_at
        LIMIT 1
      ) first_day
      UNION ALL
      SELECT days.account_id, next_day.day, days.position + 1
      FROM days
      CROSS JOIN LATERAL (
        SELECT date_trunc('day', l.expires_at AT TIME ZONE 'UTC') AS day
        FROM loyalty_points_lot l
        WHERE l.account_id = days.account_id AND l.remaining > 0 AND l.deleted_at IS NULL
          AND l.expires_at >= (days.day + interval '1 day') AT TIME ZONE 'UTC'
        ORDER BY l.expires_at
        LIMIT 1
      ) next_day
      WHERE days.position < :per_account
    )
    SELECT days.account_id, day_lots.expires_at, day_lots.points
    FROM days
    CROSS JOIN LATERAL (
      SELECT MIN(l.expires_at) AS expires_at, CAST(SUM(l.remaining) AS integer) AS points
      FROM loyalty_points_lot l
      WHERE l.account_id = days.account_id AND l.remaining > 0 AND l.deleted_at IS NULL
        AND l.expires_at >= days.day AT TIME ZONE 'UTC' AND l.expires_at < (days.day + interval '1 day') AT TIME ZONE 'UTC'
    ) day_lots
    ORDER BY days.account_id, day_lots.expires_at`,
}

/** One batch of an expiry run: what it expires, and at which value. */
export type ExpiryBatch = {
  as_of: Date
  batch_size: number
  currency: string
  value_per_point: number
}

export type ExpiryBatchResult = { locked: number; expired: ExpiredAccountDTO[] }

/** The checked input of an expiry run. */
export function expiryRun(input: ExpirePointsInput): {
  as_of: Date
  batch_size: number
  dry_run: boolean
  max_accounts: number | null
} {
  const asOf = input.as_of === undefined ? new Date() : (assertDate(input.as_of, "as_of") as Date)
  const batchSize = input.batch_size ?? 1000
  assertPositiveInteger(batchSize, "batch_size")
  if (input.max_accounts !== undefined) {
    assertPositiveInteger(input.max_accounts, "max_accounts")
  }
  return { as_of: asOf, batch_size: batchSize, dry_run: Boolean(input.dry_run), max_accounts: input.max_accounts ?? null }
}

/**
 * Expires every lot due at `as_of`, batch after batch (`runBatch` runs one batch in a
 * transaction of its own), valued at the programme's redemption value in its default
 * currency. Answers the totals and, per account, what expired (or, for a dry run,
 * what would expire: then nothing changes).
 */
export async function expirePoints(
  db: LedgerDb,
  run: ReturnType<typeof expiryRun>,
  settings: ProgramSettings,
  runBatch: (batch: ExpiryBatch) => Promise<ExpiryBatchResult>
): Promise<ExpirePointsResult> {
  const currency = settings.default_currency_code
  const valuePerPoint = settings.redemption_values[currency] ?? 0
  const perAccount: ExpiredAccountDTO[] = []
  let more = false
  if (run.dry_run) {
    const rows = await db.rows<{ account_id: string; customer_id: string; lots: number; points: number }>(
      SQL.dueByAccount,
      [run.as_of]
    )
    for (const row of rows) {
      perAccount.push({ ...row, entry_id: null, money_amount: roundLedgerMoney(MathBN.mult(row.points, valuePerPoint)), balance: null })
    }
  } else {
    let locked = 0
    for (;;) {
      const batch = await runBatch({ as_of: run.as_of, batch_size: run.batch_size, currency, value_per_point: valuePerPoint })
      for (const expired of batch.expired) {
        perAccount.push(expired)
      }
      locked += batch.locked
      if (batch.locked < run.batch_size) {
        break
      }
      if (run.max_accounts !== null && locked >= run.max_accounts) {
        // A full last batch: more accounts may have points due.
        more = true
        break
      }
    }
  }
  let lots = 0
  let points = 0
  for (const account of perAccount) {
    lots += account.lots
    points += account.points
  }
  return {
    as_of: run.as_of.toISOString(),
    accounts: perAccount.length,
    lots,
    points,
    money_amount: roundLedgerMoney(MathBN.mult(points, valuePerPoint)),
    currency_code: currency,
    dry_run: run.dry_run,
    per_account: perAccount,
    more,
  }
}

/**
 * One batch, in its own transaction: locks the next accounts with due lots in id
 * order, then expires their lots in a second statement whose snapshot sees every
 * change committed before the locks were granted (a concurrent run's expiry too, so
 * what it expired is not expired again).
 */
export async function expireBatch(db: LedgerDb, batch: ExpiryBatch): Promise<ExpiryBatchResult> {
  await db.setLockTimeout()
  const locked = await db.rows<{ id: string }>(SQL.lockAccountsWithDueLots, [batch.as_of, batch.batch_size])
  if (!locked.length) {
    return { locked: 0, expired: [] }
  }
  const rows = await db.rows<{
    account_id: string
    customer_id: string
    entry_id: string
    points: number
    lots: number
    money_amount: string | null
    balance: number
  }>(SQL.expireLotsOfAccounts, {
    ids: locked.map((row) => row.id),
    as_of: batch.as_of,
    as_of_text: batch.as_of.toISOString(),
    value_per_point: batch.value_per_point,
    currency: batch.currency,
  })
  return {
    locked: locked.length,
    expired: rows.map((row) => ({
      ...row,
      points: Number(row.points),
      money_amount: row.money_amount === null ? null : Number(row.money_amount),
    })),
  }
}

/**
 * The next days on which the accounts' points expire: open lots grouped by expiry day,
 * soonest first, at most `perAccount` days each. One query for any number of accounts.
 */
export async function expiringPoints(
  db: LedgerDb,
  accountIds: string[],
  perAccount: number,
  from: Date | null = null
): Promise<Record<string, ExpiringPointsDTO[]>> {
  assertPositiveInteger(perAccount, "per_account")
  const result: Record<string, ExpiringPointsDTO[]> = Object.fromEntries(accountIds.map((id) => [id, []]))
  if (!accountIds.length) {
    return result
  }
  const rows = await db.rows<{ account_id: string; expires_at: Date; points: number }>(SQL.listExpiringPoints, {
    ids: accountIds,
    per_account: perAccount,
    from: from ?? "-infinity",
  })
  for (const row of rows) {
    result[row.account_id].push({ expires_at: new Date(row.expires_at), points: Number(row.points) })
  }
  return result
}
