import { MedusaError } from "@medusajs/framework/utils"
import { LedgerResult, ReversePointsInput } from "../../../types"
import { settingsOf } from "../programs"
import { LedgerDb, lockAccount } from "./db"
import { findEntry, replay, writeNewEntry } from "./entries"
import { consumptionsForReversal, giveBackToLot, openGraceLot } from "./lots"
import { assertIdempotencyKey, assertNonNegativeInteger, assertPositiveInteger, invalid } from "./rows"

/**
 * Giving back a debit's points (a refunded redemption, an undone adjustment or
 * conversion) into the lots they came from, so they expire when they would have.
 */

const DAY_MS = 24 * 60 * 60 * 1000

const SQL = {
  sumReversals: `
    SELECT COALESCE(SUM(balance_change), 0) AS points FROM loyalty_points_entry
    WHERE reversal_of_id = ? AND deleted_at IS NULL`,
}

/** The points of a debit given back so far. */
export async function reversedPoints(db: LedgerDb, entryId: string): Promise<number> {
  const row = await db.first<{ points: string | number }>(SQL.sumReversals, [entryId])
  return Number(row!.points)
}

/**
 * Gives back (part of) a debit's points into the lots it took them from, latest
 * taken first, so a partial reversal leaves the lots as a smaller debit would have.
 * Where a lot's date has passed the points go into a new lot that lives `grace_days`
 * (programme `restore_grace_days` by default). When the balance is negative the
 * given-back points pay that debt first.
 */
export async function reversePoints(db: LedgerDb, input: ReversePointsInput): Promise<LedgerResult> {
  const type = input.type ?? "redeem_reversal"
  if (type !== "redeem_reversal" && type !== "adjust") {
    throw invalid("type must be redeem_reversal or adjust")
  }
  assertPositiveInteger(input.points, "points")
  assertIdempotencyKey(input.idempotency_key)
  if (input.grace_days !== undefined) {
    assertNonNegativeInteger(input.grace_days, "grace_days")
  }

  const debit = await findEntry(db, input.entry_id)
  if (!debit) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Ledger entry ${input.entry_id} was not found`)
  }
  if (debit.balance_change >= 0) {
    throw invalid(`Ledger entry ${debit.id} is not a debit and cannot be reversed`)
  }
  const account = await lockAccount(db, debit.account_id)
  const replayed = await replay(db, input.idempotency_key, account, type, input.points)
  if (replayed) {
    return replayed
  }
  const reversible = -debit.balance_change - (await reversedPoints(db, debit.id))
  if (input.points > reversible) {
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      `Only ${reversible} points of entry ${debit.id} can still be given back, ${input.points} requested`
    )
  }

  const settings = await settingsOf(db, account.program_id)
  const graceDays = input.grace_days ?? settings.restore_grace_days
  const now = new Date()
  const graceExpiry = new Date(now.getTime() + graceDays * DAY_MS)
  const result = await writeNewEntry(
    db,
    account,
    { ...input, type, points: input.points, balance_change: input.points, pending_change: 0, reversal_of_id: debit.id },
    { kind: "figures" }
  )

  // Only the part that lifts the balance above zero goes into lots; the rest pays debt.
  let toLots = Math.max(account.balance + input.points, 0) - Math.max(account.balance, 0)
  for (const consumption of await consumptionsForReversal(db, debit.id)) {
    if (toLots <= 0) {
      break
    }
    const give = Math.min(consumption.points - consumption.reversed_points, toLots)
    if (give <= 0) {
      continue
    }
    const lotStillOpen = consumption.expires_at === null || new Date(consumption.expires_at) > now
    if (lotStillOpen) {
      await giveBackToLot(db, consumption.id, consumption.lot_id, give)
    } else {
      const lot = { account_id: account.id, entry_id: result.entry.id, points: give, expires_at: graceExpiry }
      await openGraceLot(db, { ...lot, origin_lot_id: consumption.lot_id }, consumption.id)
    }
    toLots -= give
  }
  if (toLots > 0) {
    // Points the debit took as debt that later credits since paid off: they come back fresh.
    const lot = { account_id: account.id, entry_id: result.entry.id, points: toLots, expires_at: graceExpiry }
    await openGraceLot(db, { ...lot, origin_lot_id: null }, null)
  }
  return result
}
