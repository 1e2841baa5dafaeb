import { MathBN } from "@medusajs/framework/utils"
import {
  CartRedemptionAttachment,
  OrderPointsSummary,
  RecordPendingEarningInput,
  RecordPendingEarningResult,
  ReviseOrderEarningInput,
  ReviseOrderEarningResult,
  SettleOrderEarningInput,
  SettleOrderEarningResult,
} from "../../../types"
import { earnedShare } from "../utils/earned-share"
import { earnableDelta } from "../utils/order-reversal"
import { LedgerDb, lockAccount } from "./db"
import { findEntryByKey, replay, replayAfterConflict, writeNewEntry } from "./entries"
import { ORDER_EDITED_REASON, selectFigures } from "./figures"
import { orderReversalFigures } from "./order-reversal"
import { changePending, credit } from "./points"
import {
  assertAmount,
  assertIdempotencyKey,
  assertNonNegativeInteger,
  assertRequired,
  keyReused,
  toAccountDTO,
  toEntryDTO,
} from "./rows"
import { roundLedgerMoney } from "../../../utils/money"

/**
 * An order's earning: its points recorded pending when it is placed, made spendable as
 * its payment is captured, moved by order edits; its summary; and the cart redemption
 * the order came from.
 */

const SQL = {
  sumPendingEarnedToday: `
    SELECT COALESCE(SUM(points), 0) AS points FROM loyalty_points_entry
    WHERE account_id = ? AND type = 'earn_pending' AND created_at >= date_trunc('day', now())
      AND deleted_at IS NULL`,
  /** What one order's entries say on one account, for settling its earning. */
  orderEarningFigures: `
    SELECT
      ${selectFigures("earnable", "pending", "earned", "voided", "qualifying_amount")}
    FROM loyalty_points_entry
    WHERE account_id = ? AND order_id = ? AND deleted_at IS NULL`,
  /**
   * An order's figures for the admin. Order edits move `earnable` (they are not
   * `voided`); `clawed_back` is what left the balance, `written_off` what could not.
   */
  summarizeOrder: `
    SELECT
      ${selectFigures("earnable", "pending", "earned", "voided", "redeemed", "given_back", "clawed_back", "written_off")}
    FROM loyalty_points_entry
    WHERE order_id = ? AND deleted_at IS NULL`,
  attachOrderToCartRedemption: `
    UPDATE loyalty_points_entry SET order_id = ?, updated_at = now()
    WHERE type = 'redeem' AND reference_type = 'cart' AND reference_id = ? AND order_id IS NULL AND deleted_at IS NULL
    RETURNING id, account_id, points`,
}

/**
 * Records an order's earnable points as pending (`earn_pending`), once per key, after
 * the per-customer daily cap counted under the account lock. The entry is written
 * even when nothing is left to earn, so a redelivered event cannot earn later.
 */
export async function recordPendingEarning(
  db: LedgerDb,
  input: RecordPendingEarningInput
): Promise<RecordPendingEarningResult> {
  assertNonNegativeInteger(input.points, "points")
  assertIdempotencyKey(input.idempotency_key)
  if (input.max_points_per_day != null) {
    assertNonNegativeInteger(input.max_points_per_day, "max_points_per_day")
  }
  const account = await lockAccount(db, input.account_id)
  const existing = await findEntryByKey(db, input.idempotency_key)
  if (existing) {
    if (existing.account_id !== account.id || existing.type !== "earn_pending") {
      throw keyReused(input.idempotency_key)
    }
    const cappedFrom = (existing.metadata?.capped_from as number | undefined) ?? null
    const entry = toEntryDTO(existing)
    return { entry, account: toAccountDTO(account), points: existing.points, capped_from: cappedFrom, replayed: true }
  }
  let points = input.points
  let cappedFrom: number | null = null
  if (input.max_points_per_day != null) {
    const today = Number((await db.first<{ points: string }>(SQL.sumPendingEarnedToday, [account.id]))!.points)
    const allowed = Math.max(input.max_points_per_day - today, 0)
    if (points > allowed) {
      cappedFrom = points
      points = allowed
    }
  }
  const { entry, account: updated } = await writeNewEntry(
    db,
    account,
    {
      ...input,
      type: "earn_pending",
      reason: input.reason ?? "order_placed",
      reference_type: "order",
      reference_id: input.order_id,
      points,
      balance_change: 0,
      pending_change: points,
      metadata: { ...(input.metadata ?? {}), ...(cappedFrom !== null ? { capped_from: cappedFrom } : {}) },
    },
    // Capped to nothing, the entry only records that the order was handled.
    points ? { kind: "figures" } : { kind: "record" }
  )
  return { entry, account: updated, points, capped_from: cappedFrom, replayed: false }
}

/**
 * Makes the captured share of an order's pending points spendable (`earn`): the target
 * is computed under the account lock from the points recorded pending and the money
 * captured so far, and only the difference with what the order already earned is
 * credited. The same payment state twice changes nothing.
 */
export async function settleOrderEarning(db: LedgerDb, input: SettleOrderEarningInput): Promise<SettleOrderEarningResult> {
  for (const field of ["captured_amount", "payable_amount"] as const) {
    assertAmount(input[field], field)
  }
  const account = await lockAccount(db, input.account_id)
  const row = (await db.first<Record<string, string | null>>(SQL.orderEarningFigures, [account.id, input.order_id]))!
  const order = {
    earnable: Number(row.earnable),
    pending: Number(row.pending),
    earned: Number(row.earned),
    voided: Number(row.voided),
    qualifying_amount: Number(row.qualifying_amount ?? 0),
  }
  const target = earnedShare(order.earnable, input.captured_amount, input.payable_amount)
  // Points voided for a refund handled before this capture count as settled.
  const delta = earnableDelta(target, order)
  if (delta <= 0) {
    return { entry: null, account: toAccountDTO(account), earned_total: order.earned, replayed: true }
  }
  const idempotencyKey = `earn:${input.order_id}:${target}`
  const replayed = await replay(db, idempotencyKey, account, "earn", delta)
  if (replayed) {
    return { entry: replayed.entry, account: replayed.account, earned_total: order.earned, replayed: true }
  }
  const share = order.earnable ? delta / order.earnable : 0
  const earning = {
    account_id: account.id,
    points: delta,
    type: "earn" as const,
    from_pending: delta,
    idempotency_key: idempotencyKey,
    reason: "payment_captured",
    order_id: input.order_id,
    currency_code: input.currency_code,
    reference_type: input.reference_type ?? "order",
    reference_id: input.reference_id ?? input.order_id,
    metadata: {
      ...(input.metadata ?? {}),
      captured_amount: input.captured_amount,
      payable_amount: input.payable_amount,
      earned_total: target,
      qualifying_amount: roundLedgerMoney(MathBN.mult(order.qualifying_amount, share)),
    },
  }
  const result =
    (await credit(db, account, earning, undefined)) ??
    (await replayAfterConflict(db, idempotencyKey, account, "earn", delta))
  return { entry: result.entry, account: result.account, earned_total: target, replayed: result.replayed }
}

/**
 * Moves an order's earnable points to the figure recomputed after an order edit
 * (`earn_pending` up, `earn_void` with reason `order_edited` down) while none of them
 * has been earned or reversed. An order the daily cap cut can go down, not up.
 */
export async function reviseOrderEarning(db: LedgerDb, input: ReviseOrderEarningInput): Promise<ReviseOrderEarningResult> {
  assertNonNegativeInteger(input.points, "points")
  assertRequired(input.order_id, "order_id")
  assertRequired(input.revision, "revision")
  const account = await lockAccount(db, input.account_id)
  const figures = await orderReversalFigures(db, account.id, input.order_id, null)
  const unchanged = (skipped: ReviseOrderEarningResult["skipped"]): ReviseOrderEarningResult => ({
    entry: null,
    account: toAccountDTO(account),
    earnable: figures.earnable,
    skipped,
  })
  if (!figures.recorded) {
    return unchanged("not_recorded")
  }
  if (figures.earned > 0 || figures.voided > 0 || figures.clawed_back + figures.written_off > 0 || figures.given_back > 0) {
    return unchanged("already_settled")
  }
  const target = figures.capped ? Math.min(input.points, figures.earnable) : input.points
  const delta = target - figures.earnable
  if (delta === 0) {
    return unchanged(null)
  }
  const { entry, account: updated } = await changePending(
    db,
    {
      account_id: account.id,
      points: Math.abs(delta),
      idempotency_key: `earn_revision:${input.order_id}:${input.revision}:${target}`,
      order_id: input.order_id,
      currency_code: input.currency_code ?? null,
      reason: ORDER_EDITED_REASON,
      reference_type: "order",
      reference_id: input.order_id,
      metadata: { ...(input.metadata ?? {}), order_edit: { revision: input.revision, from: figures.earnable, to: target } },
    },
    delta > 0 ? "earn_pending" : "earn_void"
  )
  return { entry, account: updated, earnable: target, skipped: null }
}

/** An order's points as the ledger records them. */
export async function summarizeOrderPoints(db: LedgerDb, orderId: string): Promise<OrderPointsSummary> {
  const row = (await db.first<Record<keyof OrderPointsSummary, string>>(SQL.summarizeOrder, [orderId]))!
  return {
    earnable: Number(row.earnable),
    pending: Number(row.pending),
    earned: Number(row.earned),
    voided: Number(row.voided),
    redeemed: Number(row.redeemed),
    given_back: Number(row.given_back),
    clawed_back: Number(row.clawed_back),
    written_off: Number(row.written_off),
  }
}

/**
 * Records on a cart's `redeem` entry the order the cart became (the entry is written
 * during completion, before the order exists). Changes no points.
 */
export async function attachOrderToCartRedemption(
  db: LedgerDb,
  cartId: string,
  orderId: string
): Promise<CartRedemptionAttachment[]> {
  const rows = await db.rows<{ id: string; account_id: string; points: number }>(SQL.attachOrderToCartRedemption, [
    orderId,
    cartId,
  ])
  return rows.map((row) => ({ entry_id: row.id, account_id: row.account_id, points: -row.points }))
}
