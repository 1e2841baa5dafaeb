import {
  ExpirePointsInput,
  ExpirePointsResult,
  ExpiringPointsDTO,
  ProgramSettings,
} from "../../../types"
import { LedgerDb } from "./db"
import { assertDate, assertPositiveInteger, roundMoney } from "./rows"

/**
 * Expiry: lots whose date has passed are emptied in batches of accounts, each batch
 * one transaction of set-based SQL writing one `expire` entry per account; and the
 * listing of the points about to expire.
 */

const SQL = {
  countDueLots: `
    SELECT COUNT(DISTINCT account_id) AS accounts, COUNT(*) AS lots, COALESCE(SUM(remaining), 0) AS points
    FROM loyalty_points_lot
    WHERE remaining > 0 AND expires_at <= ? AND deleted_at IS NULL`,
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
        reference_type, reference_id, idempotency_key, metadata, created_at, updated_at)
      SELECT
        'lpent_' || upper(replace(CAST(gen_random_uuid() AS text), '-', '')),
        a.id, a.program_id, 'expire', -p.points, -p.points, 0,
        ROUND(p.points * CAST(:value_per_point AS numeric), 6),
        jsonb_build_object('value', CAST(ROUND(p.points * CAST(:value_per_point AS numeric), 6) AS text), 'precision', 20),
        :currency, 'system', 'expired',
        'expiry', :as_of_text,
        'expire:' || a.id || ':' || :as_of_text || ':' || p.first_lot_id,
        jsonb_build_object('lots', p.lots),
        clock_timestamp(), clock_timestamp()
      FROM per_account p JOIN loyalty_points_account a ON a.id = p.account_id
      RETURNING account_id
    ),
    accounts AS (
      UPDATE loyalty_points_account AS a
      SET balance = a.balance - p.points, updated_at = now()
      FROM per_account p
      WHERE a.id = p.account_id
      RETURNING a.id
    )
    SELECT COALESCE(SUM(p.lots), 0) AS lots, COALESCE(SUM(p.points), 0) AS points,
      (SELECT COUNT(*) FROM entries) AS entries, (SELECT COUNT(*) FROM accounts) AS accounts
    FROM per_account p`,
  /**
   * The accounts' open lots grouped by expiry day (UTC), soonest first, at most
   * :per_account days per account. `expires_at` is the first moment of the group.
   */
  listExpiringPoints: `
    SELECT account_id, expires_at, points FROM (
      SELECT account_id, MIN(expires_at) AS expires_at, CAST(SUM(remaining) AS integer) AS points,
        ROW_NUMBER() OVER (PARTITION BY account_id ORDER BY MIN(expires_at)) AS position
      FROM loyalty_points_lot
      WHERE account_id = ANY(CAST(:ids AS text[])) AND remaining > 0 AND expires_at IS NOT NULL
        AND deleted_at IS NULL
      GROUP BY account_id, CAST(expires_at AT TIME ZONE 'UTC' AS date)
    ) grouped
    WHERE position <= :per_account
    ORDER BY account_id, expires_at`,
}

/** One batch of an expiry run: what it expires, and at which value. */
export type ExpiryBatch = {
  as_of: Date
  batch_size: number
  currency: string
  value_per_point: number
}

export type ExpiryBatchResult = { accounts: number; lots: number; points: number }

/** The checked input of an expiry run. */
export function expiryRun(input: ExpirePointsInput): { as_of: Date; batch_size: number; dry_run: boolean } {
  const asOf = input.as_of === undefined ? new Date() : (assertDate(input.as_of, "as_of") as Date)
  const batchSize = input.batch_size ?? 1000
  assertPositiveInteger(batchSize, "batch_size")
  return { as_of: asOf, batch_size: batchSize, dry_run: Boolean(input.dry_run) }
}

/**
 * Expires every lot due at `as_of`, batch after batch (`runBatch` runs one batch in a
 * transaction of its own), valued at the programme's redemption value in its default
 * currency. A dry run only counts.
 */
export async function expirePoints(
  db: LedgerDb,
  run: ReturnType<typeof expiryRun>,
  settings: ProgramSettings,
  runBatch: (batch: ExpiryBatch) => Promise<ExpiryBatchResult>
): Promise<ExpirePointsResult> {
  const currency = settings.default_currency_code
  const valuePerPoint = settings.redemption_values[currency] ?? 0
  const result: ExpirePointsResult = {
    as_of: run.as_of.toISOString(),
    accounts: 0,
    lots: 0,
    points: 0,
    money_amount: 0,
    currency_code: currency,
    dry_run: run.dry_run,
  }
  if (run.dry_run) {
    const row = (await db.first<Record<"accounts" | "lots" | "points", string>>(SQL.countDueLots, [run.as_of]))!
    result.accounts = Number(row.accounts)
    result.lots = Number(row.lots)
    result.points = Number(row.points)
    result.money_amount = roundMoney(result.points * valuePerPoint)
    return result
  }
  for (;;) {
    const batch = await runBatch({ as_of: run.as_of, batch_size: run.batch_size, currency, value_per_point: valuePerPoint })
    result.accounts += batch.accounts
    result.lots += batch.lots
    result.points += batch.points
    if (batch.accounts < run.batch_size) {
      break
    }
  }
  result.money_amount = roundMoney(result.points * valuePerPoint)
  return result
}

/**
 * One batch, in its own transaction: locks the next accounts with due lots in id
 * order, then expires their lots in a second statement whose snapshot sees every
 * change committed before the locks were granted.
 */
export async function expireBatch(db: LedgerDb, batch: ExpiryBatch): Promise<ExpiryBatchResult> {
  await db.setLockTimeout()
  const locked = await db.rows<{ id: string }>(SQL.lockAccountsWithDueLots, [batch.as_of, batch.batch_size])
  if (!locked.length) {
    return { accounts: 0, lots: 0, points: 0 }
  }
  const ids = locked.map((row) => row.id)
  const row = await db.first<{ lots: string; points: string }>(SQL.expireLotsOfAccounts, {
    ids,
    as_of: batch.as_of,
    as_of_text: batch.as_of.toISOString(),
    value_per_point: batch.value_per_point,
    currency: batch.currency,
  })
  return { accounts: ids.length, lots: Number(row?.lots ?? 0), points: Number(row?.points ?? 0) }
}

/**
 * The next days on which the accounts' points expire: open lots grouped by expiry day,
 * soonest first, at most `perAccount` days each. One query for any number of accounts.
 */
export async function expiringPoints(
  db: LedgerDb,
  accountIds: string[],
  perAccount: number
): Promise<Record<string, ExpiringPointsDTO[]>> {
  assertPositiveInteger(perAccount, "per_account")
  const result: Record<string, ExpiringPointsDTO[]> = Object.fromEntries(accountIds.map((id) => [id, []]))
  if (!accountIds.length) {
    return result
  }
  const rows = await db.rows<{ account_id: string; expires_at: Date; points: number }>(SQL.listExpiringPoints, {
    ids: accountIds,
    per_account: perAccount,
  })
  for (const row of rows) {
    result[row.account_id].push({ expires_at: new Date(row.expires_at), points: Number(row.points) })
  }
  return result
}
