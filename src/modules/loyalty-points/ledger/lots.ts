import { LedgerDb } from "./db"
import { newId } from "./rows"

/**
 * Lots: the points each credit opened, with their own expiry. Debits take from them
 * first-expiring first and record which lot gave how much (a consumption), so a
 * reversal can put the points back where they came from.
 */

/**
 * The first-expiring-first take, as CTEs `ordered`, `picked` and `taken`: from the open
 * lots `lots` selects (id, remaining, expires_at, created_at), it takes `points` (never-
 * expiring last) in one pass, a running sum choosing the lots and how much of each.
 * `taken` returns (lot_id, taken). Shared by debits (the write statement of
 * ledger/entries.ts) and clawbacks.
 */
export function takeFirstExpiring(lots: string, points: string) {
  return `ordered AS (
      SELECT id, remaining,
        SUM(remaining) OVER (ORDER BY expires_at ASC NULLS LAST, created_at, id) AS running
      FROM (${lots}) AS open_lots
    ),
    picked AS (
      SELECT id, LEAST(remaining, ${points} - (running - remaining)) AS taken
      FROM ordered
      WHERE running - remaining < ${points}
    ),
    taken AS (
      UPDATE loyalty_points_lot AS lot
      SET remaining = lot.remaining - picked.taken, updated_at = now()
      FROM picked
      WHERE lot.id = picked.id
      RETURNING lot.id AS lot_id, CAST(picked.taken AS integer) AS taken
    )`
}

/** The open lots of the account `:account_id`, for takeFirstExpiring. */
export const OPEN_LOTS = `SELECT id, remaining, expires_at, created_at FROM loyalty_points_lot
       WHERE account_id = :account_id AND remaining > 0 AND deleted_at IS NULL`

/**
 * A credit's lot, as a CTE of a write statement: the part of the entry `entry` that
 * lifts the balance above zero (read before the statement's own update of the
 * account), with its expiry.
 */
export const INSERT_CREDIT_LOT = `
      INSERT INTO loyalty_points_lot (id, account_id, entry_id, points, remaining, expires_at, origin_lot_id, created_at, updated_at)
      SELECT CAST(:lot_id AS text), entry.account_id, entry.id, lot.points, lot.points,
        CAST(:expires_at AS timestamptz), NULL, clock_timestamp(), clock_timestamp()
      FROM entry
      JOIN loyalty_points_account a ON a.id = entry.account_id
      CROSS JOIN LATERAL (SELECT GREATEST(a.balance + entry.balance_change, 0) - GREATEST(a.balance, 0) AS points) lot
      WHERE lot.points > 0`

const SQL = {
  /**
   * Takes :points from the account's open lots, first-expiring first (never-expiring
   * last), in one statement: a running sum picks the lots and how much of each.
   */
  consumeLots: `
    WITH ${takeFirstExpiring(OPEN_LOTS, ":points")}
    SELECT lot_id, taken FROM taken`,
  /**
   * Takes up to :points from the lots the order's own `earn` entries opened,
   * first-expiring first: a clawback removes the points the order gave where they still
   * are, and leaves the shopper's other lots alone.
   */
  consumeOrderEarnLots: `
    WITH ${takeFirstExpiring(
      `SELECT lot.id, lot.remaining, lot.expires_at, lot.created_at
       FROM loyalty_points_lot lot
       JOIN loyalty_points_entry earn ON earn.id = lot.entry_id
       WHERE lot.account_id = :account_id AND lot.remaining > 0 AND lot.deleted_at IS NULL
         AND earn.account_id = :account_id AND earn.order_id = :order_id AND earn.type = 'earn' AND earn.deleted_at IS NULL`,
      ":points"
    )}
    SELECT lot_id, taken FROM taken`,
  insertLot: `
    INSERT INTO loyalty_points_lot (id, account_id, entry_id, points, remaining, expires_at, origin_lot_id, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, clock_timestamp(), clock_timestamp())`,
  addToLot: `
    UPDATE loyalty_points_lot SET remaining = remaining + ?, updated_at = now() WHERE id = ?`,
  /** A debit's consumptions, latest taken first, with their lot's expiry. */
  selectConsumptionsForReversal: `
    SELECT c.id, c.lot_id, c.points, c.reversed_points, l.expires_at
    FROM loyalty_points_lot_consumption c
    JOIN loyalty_points_lot l ON l.id = c.lot_id
    WHERE c.entry_id = ? AND c.deleted_at IS NULL
    ORDER BY l.expires_at DESC NULLS FIRST, l.created_at DESC, l.id DESC`,
  addReversedToConsumption: `
    UPDATE loyalty_points_lot_consumption SET reversed_points = reversed_points + ?, updated_at = now() WHERE id = ?`,
}

export type LotTake = { lot_id: string; taken: number }

export type ConsumptionForReversal = {
  id: string
  lot_id: string
  points: number
  reversed_points: number
  expires_at: Date | null
}

/** Takes `points` from the account's open lots, first-expiring first. */
export async function takeFromLots(db: LedgerDb, accountId: string, points: number): Promise<LotTake[]> {
  return await db.rows<LotTake>(SQL.consumeLots, { account_id: accountId, points })
}

/** Takes up to `points` from the lots the order's own `earn` entries opened, first-expiring first. */
export async function takeFromOrderEarnLots(
  db: LedgerDb,
  accountId: string,
  orderId: string,
  points: number
): Promise<LotTake[]> {
  return await db.rows<LotTake>(SQL.consumeOrderEarnLots, { account_id: accountId, order_id: orderId, points })
}

/** Records which lots a debit took how much from, so a reversal can put them back. */
export async function recordConsumptions(db: LedgerDb, accountId: string, entryId: string, taken: LotTake[]) {
  if (!taken.length) {
    return
  }
  const values = taken.map((row) => [newId("lpcon"), accountId, entryId, row.lot_id, row.taken])
  await db.rows(
    `INSERT INTO loyalty_points_lot_consumption (id, account_id, entry_id, lot_id, points) VALUES ${values
      .map(() => "(?, ?, ?, ?, ?)")
      .join(", ")}`,
    values.flat()
  )
}

/** A debit's consumptions, latest taken first: the order a reversal gives back in. */
export async function consumptionsForReversal(db: LedgerDb, entryId: string): Promise<ConsumptionForReversal[]> {
  return await db.rows<ConsumptionForReversal>(SQL.selectConsumptionsForReversal, [entryId])
}

/** Puts `points` back into an open lot, and counts them as given back on the consumption they came from. */
export async function giveBackToLot(db: LedgerDb, consumptionId: string, lotId: string, points: number) {
  await db.rows(SQL.addToLot, [points, lotId])
  await db.rows(SQL.addReversedToConsumption, [points, consumptionId])
}

/**
 * Opens a lot for given-back points whose own lot is gone (expired, or never existed
 * because the debit was debt); counts them as given back on `consumptionId` if any.
 */
export async function openGraceLot(
  db: LedgerDb,
  lot: { account_id: string; entry_id: string; points: number; expires_at: Date; origin_lot_id: string | null },
  consumptionId: string | null
) {
  await db.rows(SQL.insertLot, [
    newId("lplot"),
    lot.account_id,
    lot.entry_id,
    lot.points,
    lot.points,
    lot.expires_at,
    lot.origin_lot_id,
  ])
  if (consumptionId) {
    await db.rows(SQL.addReversedToConsumption, [lot.points, consumptionId])
  }
}
