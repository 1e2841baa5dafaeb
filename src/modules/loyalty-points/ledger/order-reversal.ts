import { MathBN } from "@medusajs/framework/utils"
import {
  EntryContext,
  OrderReversalFigures,
  SettleOrderReversalInput,
  SettleOrderReversalResult,
} from "../../../types"
import { settingsOf } from "../programs"
import { planOrderReversal } from "../utils/order-reversal"
import { retrieveAccount } from "./accounts"
import { LedgerDb, lockAccount } from "./db"
import { writeNewEntry } from "./entries"
import { ORDER_FIGURES, selectFigures } from "./figures"
import { recordConsumptions, takeFromLots, takeFromOrderEarnLots } from "./lots"
import { changePending } from "./points"
import { reversePoints } from "./reversal"
import { roundLedgerMoney } from "../../../utils/money"
import { assertAmount, assertRequired, invalid, LockedAccountRow, toAccountDTO } from "./rows"

/**
 * Refunds and cancellations: what an order's money no longer pays for comes back out
 * of the ledger — pending points voided, redeemed points given back, earned points
 * clawed back — exactly and once.
 */

const SQL = {
  /**
   * One order's figures on one account, for reversing them. The order's `redeem` entries
   * are found by order id or, before `order.placed` attached the order to them, by the
   * cart they were spent in; `redeemed` leaves out what was given back for another
   * reason (a failed completion), `given_back` is what this order's reversals gave.
   */
  orderReversalFigures: `
    WITH own AS (
      SELECT type, points, balance_change, pending_change, reason, reference_type, metadata
      FROM loyalty_points_entry
      WHERE account_id = :account_id AND order_id = :order_id AND deleted_at IS NULL
    ),
    redeems AS (
      SELECT id, -balance_change AS points FROM loyalty_points_entry
      WHERE account_id = :account_id AND type = 'redeem' AND deleted_at IS NULL
        AND (order_id = :order_id OR (reference_type = 'cart' AND reference_id = CAST(:cart_id AS text)))
    ),
    redeem_reversals AS (
      SELECT r.balance_change, r.order_id FROM loyalty_points_entry r
      JOIN redeems ON redeems.id = r.reversal_of_id
      WHERE r.deleted_at IS NULL
    )
    SELECT
      ${selectFigures("earnable", "pending", "earned", "voided", "clawed_back", "written_off", "earned_qualifying_amount")},
      (SELECT COALESCE(SUM(points), 0) FROM redeems)
        - (SELECT COALESCE(SUM(balance_change), 0) FROM redeem_reversals WHERE order_id IS DISTINCT FROM :order_id) AS redeemed,
      (SELECT COALESCE(SUM(balance_change), 0) FROM redeem_reversals WHERE order_id = :order_id) AS given_back,
      ${selectFigures("recorded", "capped")}
    FROM own`,
  /** The order's `redeem` entries (as `orderReversalFigures` finds them), oldest first, with what each can still give back. */
  selectOrderRedeemEntries: `
    SELECT e.id,
      -e.balance_change - COALESCE((
        SELECT SUM(r.balance_change) FROM loyalty_points_entry r
        WHERE r.reversal_of_id = e.id AND r.deleted_at IS NULL), 0) AS reversible
    FROM loyalty_points_entry e
    WHERE e.account_id = :account_id AND e.type = 'redeem' AND e.deleted_at IS NULL
      AND (e.order_id = :order_id OR (e.reference_type = 'cart' AND e.reference_id = CAST(:cart_id AS text)))
    ORDER BY e.created_at, e.id`,
}

export type OrderFiguresForReversal = OrderReversalFigures & { earned_qualifying_amount: number }

/** One order's figures on a locked account, for reversing or revising them. */
export async function orderReversalFigures(
  db: LedgerDb,
  accountId: string,
  orderId: string,
  cartId: string | null
): Promise<OrderFiguresForReversal> {
  type Row = Record<keyof typeof ORDER_FIGURES | "redeemed" | "given_back", string | number | boolean | null>
  const row = (await db.first<Row>(SQL.orderReversalFigures, { account_id: accountId, order_id: orderId, cart_id: cartId }))!
  return {
    earnable: Number(row.earnable),
    pending: Number(row.pending),
    earned: Number(row.earned),
    voided: Number(row.voided),
    clawed_back: Number(row.clawed_back),
    written_off: Number(row.written_off),
    redeemed: Number(row.redeemed),
    given_back: Number(row.given_back),
    recorded: Boolean(row.recorded),
    capped: Boolean(row.capped),
    earned_qualifying_amount: Number(row.earned_qualifying_amount ?? 0),
  }
}

function withoutQualifying({ earned_qualifying_amount: _amount, ...figures }: OrderFiguresForReversal) {
  return figures
}

/**
 * Takes back what an order's refunds or its cancellation take away, exactly and once.
 * Under the account lock it reads the order's figures, plans the cumulative targets for
 * the money as it now stands (`planOrderReversal`) and writes only the differences: an
 * `earn_void` of pending points, a `redeem_reversal` per `redeem` entry, and a
 * `clawback` of earned points (see the service's `settleOrderReversal` for the rules).
 */
export async function settleOrderReversal(
  db: LedgerDb,
  input: SettleOrderReversalInput
): Promise<SettleOrderReversalResult> {
  for (const field of ["captured_amount", "refunded_amount", "payable_amount"] as const) {
    assertAmount(input[field], field)
  }
  assertRequired(input.order_id, "order_id")
  const cause = input.cause
  if (!cause || !["refund", "return", "cancel"].includes(cause.type) || typeof cause.id !== "string" || !cause.id) {
    throw invalid("cause must be { type: refund | return | cancel, id }")
  }
  for (const field of ["points_discount_amount", "returned_points_discount_amount", "returned_paid_amount"] as const) {
    if (input[field] !== undefined && input[field] !== null) {
      assertAmount(input[field], field)
    }
  }
  const canceled = input.canceled || cause.type === "cancel"
  const cartId = input.cart_id ?? null

  const account = await lockAccount(db, input.account_id)
  const settings = await settingsOf(db, account.program_id)
  const before = await orderReversalFigures(db, account.id, input.order_id, cartId)
  const plan = planOrderReversal(before, { ...input, canceled }, settings.restore_redeemed_on_refund)
  const result: SettleOrderReversalResult = {
    entries: [],
    voided: 0,
    given_back: 0,
    clawed_back: 0,
    written_off: 0,
    account: toAccountDTO(account),
    figures: withoutQualifying(before),
    replayed: true,
  }
  if (!plan.void && !plan.give_back && !plan.claw_back) {
    return result
  }

  const context: EntryContext = {
    idempotency_key: "",
    order_id: input.order_id,
    currency_code: input.currency_code ?? null,
    actor_type: "system",
    reason: cause.type === "cancel" ? "order_canceled" : cause.type,
    reference_type: cause.type === "cancel" ? "order" : cause.type,
    reference_id: cause.id,
  }
  const metadata = {
    cause,
    captured_amount: input.captured_amount,
    refunded_amount: input.refunded_amount,
    payable_amount: input.payable_amount,
    points_discount_amount: input.points_discount_amount ?? 0,
    returned_points_discount_amount: input.returned_points_discount_amount ?? 0,
    returned_paid_amount: input.returned_paid_amount ?? 0,
  }

  if (plan.void > 0) {
    const idempotencyKey = `earn_void:${input.order_id}:reversed:${before.voided + plan.void}`
    const pending = { ...context, account_id: account.id, points: plan.void, idempotency_key: idempotencyKey, metadata }
    const { entry } = await changePending(db, pending, "earn_void")
    result.entries.push(entry)
    result.voided = plan.void
  }

  if (plan.give_back > 0) {
    let left = plan.give_back
    let givenTotal = before.given_back
    const redeems = await db.rows<{ id: string; reversible: string | number }>(SQL.selectOrderRedeemEntries, {
      account_id: account.id,
      order_id: input.order_id,
      cart_id: cartId,
    })
    for (const redeem of redeems) {
      const give = Math.min(left, Number(redeem.reversible))
      if (give <= 0) {
        continue
      }
      givenTotal += give
      const idempotencyKey = `redeem_reversal:${input.order_id}:${givenTotal}`
      const { entry } = await reversePoints(db, { ...context, entry_id: redeem.id, points: give, idempotency_key: idempotencyKey, metadata })
      result.entries.push(entry)
      result.given_back += give
      left -= give
    }
  }

  if (plan.claw_back > 0) {
    // Re-read under the same lock: the void and the give-back changed the balance.
    const current = await lockAccount(db, account.id)
    const allowDebt = input.allow_negative_balance ?? db.options.allow_negative_balance
    const clawback = await clawBack(db, current, input.order_id, plan.claw_back, allowDebt, before, context, metadata)
    result.entries.push(clawback.entry)
    result.clawed_back = clawback.taken
    result.written_off = clawback.written_off
  }

  result.account = await retrieveAccount(db, account.id)
  result.figures = withoutQualifying(await orderReversalFigures(db, account.id, input.order_id, cartId))
  result.replayed = false
  return result
}

/**
 * Claws back an order's earned points: from the lots the order's own earnings opened
 * first, then the shopper's other lots first-expiring first. Larger than the balance,
 * it takes the balance below zero when debt is allowed, and otherwise stops at zero and
 * writes the rest off (`metadata.written_off`, counted as clawed back so it is never
 * clawed again).
 */
async function clawBack(
  db: LedgerDb,
  account: LockedAccountRow,
  orderId: string,
  points: number,
  allowDebt: boolean,
  before: OrderFiguresForReversal,
  context: EntryContext,
  metadata: Record<string, unknown>
) {
  const taken = allowDebt ? points : Math.min(points, Math.max(account.balance, 0))
  const writtenOff = points - taken
  const clawedTotal = before.clawed_back + before.written_off + points
  const { entry } = await writeNewEntry(
    db,
    account,
    {
      ...context,
      idempotency_key: `clawback:${orderId}:${clawedTotal}`,
      type: "clawback",
      points: -taken || 0,
      balance_change: -taken || 0,
      pending_change: 0,
      metadata: {
        ...metadata,
        written_off: writtenOff,
        clawed_total: clawedTotal,
        // The spend behind the clawed points, so spend-based tiers lose it too.
        qualifying_amount: before.earned ? roundLedgerMoney(MathBN.div(MathBN.mult(before.earned_qualifying_amount, points), before.earned)) : 0,
      },
    },
    { kind: "figures" }
  )
  // Only the part of the balance backed by lots can come out of lots; the rest is debt.
  const fromLots = Math.min(taken, Math.max(account.balance, 0))
  if (fromLots > 0) {
    const own = await takeFromOrderEarnLots(db, account.id, orderId, fromLots)
    const rest = fromLots - own.reduce((sum, row) => sum + row.taken, 0)
    const other = rest > 0 ? await takeFromLots(db, account.id, rest) : []
    await recordConsumptions(db, account.id, entry.id, [...own, ...other])
  }
  return { entry, taken, written_off: writtenOff }
}
