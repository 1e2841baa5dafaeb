import { MedusaError } from "@medusajs/framework/utils"
import {
  ConvertHoldInput,
  ConvertHoldResult,
  HoldPointsInput,
  HoldResult,
  LedgerHoldDTO,
  ReleaseHoldInput,
} from "../../../types"
import { LedgerDb, lockAccount, lockHold } from "./db"
import { changeHeld, findEntry } from "./entries"
import { debit } from "./points"
import { reversedPoints, reversePoints } from "./reversal"
import {
  assertDate,
  assertIdempotencyKey,
  assertPositiveInteger,
  assertRequired,
  HoldRow,
  invalid,
  keyReused,
  newId,
  notEnoughPoints,
  toAccountDTO,
  toEntryDTO,
  toHoldDTO,
} from "./rows"

/**
 * Holds: points reserved for a cart while the shopper checks out. An active hold lowers
 * `available` at once; it ends converted (into a `redeem` entry), released or expired.
 */

const SQL = {
  selectHoldByKey: `SELECT * FROM loyalty_points_hold WHERE idempotency_key = ? AND deleted_at IS NULL`,
  selectActiveHoldForCart: `
    SELECT * FROM loyalty_points_hold WHERE cart_id = ? AND status = 'active' AND deleted_at IS NULL`,
  insertHold: `
    INSERT INTO loyalty_points_hold (id, account_id, cart_id, points, status, expires_at, idempotency_key, metadata, created_at, updated_at)
    VALUES (?, ?, ?, ?, 'active', ?, ?, ?, clock_timestamp(), clock_timestamp())
    RETURNING *`,
  selectStaleHolds: `
    SELECT * FROM loyalty_points_hold
    WHERE status = 'active' AND expires_at IS NOT NULL AND expires_at < ? AND deleted_at IS NULL
    ORDER BY expires_at, id LIMIT ?`,
  reactivateHold: `
    UPDATE loyalty_points_hold SET status = 'active', entry_id = NULL, updated_at = now() WHERE id = ? RETURNING *`,
  setHoldStatus: `
    UPDATE loyalty_points_hold SET status = ?, entry_id = COALESCE(?, entry_id), updated_at = now()
    WHERE id = ? RETURNING *`,
}

/**
 * Reserves points for a cart: `available` drops at once. A cart has one active hold;
 * holding again for the same cart replaces it. Refuses (409) more than `available`.
 */
export async function holdPoints(db: LedgerDb, input: HoldPointsInput): Promise<HoldResult> {
  assertPositiveInteger(input.points, "points")
  assertIdempotencyKey(input.idempotency_key)
  assertRequired(input.cart_id, "cart_id")
  const expiresAt = input.expires_at == null ? null : assertDate(input.expires_at, "expires_at")

  const account = await lockAccount(db, input.account_id)
  const existing = await db.first<HoldRow>(SQL.selectHoldByKey, [input.idempotency_key])
  if (existing) {
    if (existing.account_id !== account.id || existing.cart_id !== input.cart_id || existing.points !== input.points) {
      throw keyReused(input.idempotency_key)
    }
    return { hold: toHoldDTO(existing), account: toAccountDTO(account), replayed: true }
  }

  const current = await db.first<HoldRow>(SQL.selectActiveHoldForCart, [input.cart_id])
  if (current && current.account_id !== account.id) {
    throw new MedusaError(MedusaError.Types.CONFLICT, `Cart ${input.cart_id} already holds another account's points`)
  }
  const freed = current?.points ?? 0
  const available = account.balance - account.held + freed
  if (input.points > available) {
    throw notEnoughPoints(available, input.points)
  }
  if (current) {
    await db.rows(SQL.setHoldStatus, ["released", null, current.id])
  }
  const [hold] = await db.rows<HoldRow>(SQL.insertHold, [
    newId("lphold"),
    account.id,
    input.cart_id,
    input.points,
    expiresAt,
    input.idempotency_key,
    input.metadata ? JSON.stringify(input.metadata) : null,
  ])
  const updated = await changeHeld(db, account.id, input.points - freed)
  return { hold: toHoldDTO(hold), account: updated, replayed: false }
}

/**
 * Ends an active hold without spending it (`released`, or `expired` when stale).
 * Releasing a hold that is no longer active changes nothing.
 */
export async function releaseHold(db: LedgerDb, input: ReleaseHoldInput): Promise<HoldResult> {
  const status = input.status ?? "released"
  if (status !== "released" && status !== "expired") {
    throw invalid("status must be released or expired")
  }
  const { hold, account } = await lockHold(db, input.hold_id)
  if (hold.status !== "active") {
    return { hold: toHoldDTO(hold), account: toAccountDTO(account), replayed: true }
  }
  const [released] = await db.rows<HoldRow>(SQL.setHoldStatus, [status, null, hold.id])
  const updated = await changeHeld(db, account.id, -hold.points)
  return { hold: toHoldDTO(released), account: updated, replayed: false }
}

/**
 * Turns an active hold into a `redeem` entry for the points actually discounted (at
 * most the hold; the rest is released). Converting twice returns the first result.
 * Refuses (409) a hold that was released or expired, or whose points are gone.
 */
export async function convertHold(db: LedgerDb, input: ConvertHoldInput): Promise<ConvertHoldResult> {
  const { hold, account } = await lockHold(db, input.hold_id)
  if (hold.status === "converted") {
    const entry = (await findEntry(db, hold.entry_id!))!
    return { hold: toHoldDTO(hold), account: toAccountDTO(account), entry: toEntryDTO(entry), replayed: true }
  }
  if (hold.status !== "active") {
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      `The points hold for cart ${hold.cart_id} is no longer valid (${hold.status})`
    )
  }
  const points = input.points ?? hold.points
  assertPositiveInteger(points, "points")
  if (points > hold.points) {
    throw invalid(`points (${points}) exceed the hold (${hold.points})`)
  }
  const idempotencyKey = input.idempotency_key ?? `hold:${hold.id}:convert`
  assertIdempotencyKey(idempotencyKey)
  const availableToHold = account.balance - (account.held - hold.points)
  if (points > availableToHold) {
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      `The points held for cart ${hold.cart_id} are no longer available: ${Math.max(availableToHold, 0)} left, ${points} needed`
    )
  }
  const debited = await debit(
    db,
    account,
    {
      ...input,
      idempotency_key: idempotencyKey,
      account_id: account.id,
      points,
      type: "redeem",
      reference_type: input.reference_type ?? "cart",
      reference_id: input.reference_id ?? hold.cart_id,
    },
    hold.points
  )
  if (!debited) {
    throw keyReused(idempotencyKey) // used by another change: the hold's own key never repeats under its lock
  }
  const { entry, account: updated } = debited
  const [converted] = await db.rows<HoldRow>(SQL.setHoldStatus, ["converted", entry.id, hold.id])
  return { hold: toHoldDTO(converted), account: updated, entry, replayed: false }
}

/**
 * Undoes a hold's conversion: gives the redeem entry's points back into the lots it
 * took them from and makes the hold active again. Doing it twice changes nothing.
 */
export async function undoHoldConversion(db: LedgerDb, holdId: string): Promise<HoldResult> {
  const { hold, account } = await lockHold(db, holdId)
  if (hold.status !== "converted" || !hold.entry_id) {
    return { hold: toHoldDTO(hold), account: toAccountDTO(account), replayed: true }
  }
  const entry = (await findEntry(db, hold.entry_id))!
  const points = -entry.balance_change - (await reversedPoints(db, entry.id))
  if (points > 0) {
    await reversePoints(db, {
      entry_id: entry.id,
      points,
      idempotency_key: `${entry.idempotency_key}:undo`,
      reason: "completion_failed",
      reference_type: "cart",
      reference_id: hold.cart_id,
    })
  }
  const [restored] = await db.rows<HoldRow>(SQL.reactivateHold, [hold.id])
  const updated = await changeHeld(db, account.id, hold.points)
  return { hold: toHoldDTO(restored), account: updated, replayed: false }
}

/** The cart's active hold, or null. */
export async function activeHoldForCart(db: LedgerDb, cartId: string): Promise<LedgerHoldDTO | null> {
  const row = await db.first<HoldRow>(SQL.selectActiveHoldForCart, [cartId])
  return row ? toHoldDTO(row) : null
}

/** Active holds whose time ran out before `now`, oldest first. */
export async function staleHolds(db: LedgerDb, now: Date, limit: number): Promise<LedgerHoldDTO[]> {
  return (await db.rows<HoldRow>(SQL.selectStaleHolds, [now, limit])).map(toHoldDTO)
}
