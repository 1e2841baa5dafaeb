import { OrderPaymentState, OrderReversalFigures, OrderReversalPlan } from "../../../types/reversal"
import { earnedShare } from "./earned-share"

/**
 * What an order gives back now, from its figures and its money. Every target is
 * cumulative (the total the order should have reversed given all refunds so far), and
 * the plan is the difference with what it already reversed, so refunds added up piece
 * by piece end exactly where one refund of the sum would, a repeat plans nothing, and
 * the refund and cancel paths converge whichever runs first.
 *
 * - Canceled: void every pending point, claw back everything earned, give back every
 *   redeemed point.
 * - Refunded: the points of the captured money are `earnedShare(earnable, captured,
 *   payable)`; the refunded share of those, `earnedShare(thosePoints, refunded,
 *   captured)` (rounded down, exactly all at a full refund), goes back: first as a void
 *   of the captured points not yet earned (a refund handled before its capture), then
 *   as a clawback of earned points. Pending points of money not captured yet are left
 *   for their capture. Redeemed points come back by value (`redeemedGivenBack`), not
 *   by the cash share (`restore_redeemed`: `none` gives back nothing on refund).
 *
 * Written-off clawbacks count as clawed back, so they are never clawed again.
 *
 * @example
 * const plan = planOrderReversal(figures, { captured_amount: 121, refunded_amount: 60.5, payable_amount: 121, canceled: false }, "proportional")
 */
export function planOrderReversal(
  figures: OrderReversalFigures,
  payment: OrderPaymentState,
  restoreRedeemed: "proportional" | "none"
): OrderReversalPlan {
  const clawed = figures.clawed_back + figures.written_off
  const reversed = figures.voided + clawed

  if (payment.canceled) {
    const voidNow = Math.max(figures.pending, 0)
    const clawNow = Math.max(figures.earned - clawed, 0)
    const giveNow = Math.max(figures.redeemed - figures.given_back, 0)
    return {
      void: voidNow,
      claw_back: clawNow,
      give_back: giveNow,
      targets: { reversed: reversed + voidNow + clawNow, given_back: figures.given_back + giveNow },
    }
  }

  const captured = Math.max(payment.captured_amount, 0)
  const refunded = Math.min(Math.max(payment.refunded_amount, 0), captured)
  const capturedPoints = earnedShare(figures.earnable, captured, Math.max(payment.payable_amount, captured))
  const refundedPoints = earnedShare(capturedPoints, refunded, captured)
  const needed = Math.max(refundedPoints - reversed, 0)
  const notYetEarned = Math.min(Math.max(capturedPoints - figures.earned - figures.voided, 0), Math.max(figures.pending, 0))
  const voidNow = Math.min(needed, notYetEarned)
  const clawNow = Math.min(needed - voidNow, Math.max(figures.earned - clawed, 0))

  const givenTarget = restoreRedeemed === "none" ? 0 : redeemedGivenBack(figures.redeemed, payment, refunded, captured)
  const giveNow = Math.max(givenTarget - figures.given_back, 0)

  return {
    void: voidNow,
    claw_back: clawNow,
    give_back: giveNow,
    targets: { reversed: reversed + voidNow + clawNow, given_back: figures.given_back + giveNow },
  }
}

const EPSILON = 1e-9

/**
 * The redeemed points an order's refunds and returns give back, cumulative:
 *
 * - Returned lines give back the points discount Medusa allocated to them
 *   (`returned_points_discount_amount`), whether or not their money was refunded yet.
 * - The money refunded beyond what the returned lines were paid gives back its share of
 *   the rest of the order's value before the points discount: an order of 100 paid with
 *   99 in points and 1 in cash gives back 1% of its points for a refund of 1, not all of
 *   them because the refund was all of the cash.
 *
 * An order without a points discount (its points spent another way) has the payable
 * amount as its value. Rounded down, capped at what was redeemed.
 *
 * @example
 * redeemedGivenBack(9900, { payable_amount: 1, points_discount_amount: 99, ... }, 1, 1) // 99
 */
export function redeemedGivenBack(redeemed: number, payment: OrderPaymentState, refunded: number, captured: number) {
  if (redeemed <= 0) {
    return 0
  }
  const payable = Math.max(payment.payable_amount, captured)
  const discount = Math.max(payment.points_discount_amount ?? 0, 0)
  if (discount <= EPSILON) {
    return earnedShare(redeemed, refunded, payable)
  }
  const returnedDiscount = Math.min(Math.max(payment.returned_points_discount_amount ?? 0, 0), discount)
  const returnedPaid = Math.min(Math.max(payment.returned_paid_amount ?? 0, 0), payable)
  const refundedBeyondReturns = Math.max(refunded - returnedPaid, 0)
  const restValue = payable - returnedPaid + discount - returnedDiscount
  const restShare = restValue > EPSILON ? Math.min(refundedBeyondReturns / restValue, 1) : 0
  const moneyBack = returnedDiscount + (discount - returnedDiscount) * restShare
  return Math.min(redeemed, Math.floor((redeemed * moneyBack) / discount + EPSILON))
}

/**
 * The points an order keeps earning after its points were voided for refunds:
 * `settleOrderEarning` treats them as settled, so a capture handled after the refund
 * of the same money earns nothing for it.
 *
 * @example
 * const delta = earnableDelta(25, { earned: 0, voided: 12, pending: 13 }) // 13
 */
export function earnableDelta(target: number, order: { earned: number; voided: number; pending: number }) {
  return Math.min(target - order.earned - order.voided, order.pending)
}
