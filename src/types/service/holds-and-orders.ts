import { Context } from "@medusajs/framework/types"
import {
  OrderPointsSummary,
  RecordPendingEarningInput,
  RecordPendingEarningResult,
  SettleOrderEarningInput,
  SettleOrderEarningResult,
} from "../earning"
import {
  ConvertHoldInput,
  ConvertHoldResult,
  HoldPointsInput,
  HoldResult,
  LedgerHoldDTO,
  ReleaseHoldInput,
} from "../ledger"
import {
  ReviseOrderEarningInput,
  ReviseOrderEarningResult,
  SettleOrderReversalInput,
  SettleOrderReversalResult,
} from "../reversal"

/** A cart's `redeem` entry that now carries the order id; `points` is positive. */
export type CartRedemptionAttachment = { entry_id: string; account_id: string; points: number }

/** Cart holds and the points of orders, of `ILoyaltyPointsModuleService`. */
export interface LoyaltyHoldsAndOrdersMethods {
  /* ------------------------------------------------------------------ holds */

  /**
   * Reserves points for a cart (one active hold per cart); 409 above `available`.
   *
   * @example
   * await loyaltyPointsService.holdPoints({ account_id: "lpacc_123", cart_id: "cart_1", points: 500, idempotency_key: "hold:cart_1:1" })
   */
  holdPoints(input: HoldPointsInput, sharedContext?: Context): Promise<HoldResult>

  /**
   * Ends an active hold without spending it.
   *
   * @example
   * await loyaltyPointsService.releaseHold({ hold_id: "lphold_123" })
   */
  releaseHold(input: ReleaseHoldInput, sharedContext?: Context): Promise<HoldResult>

  /**
   * Turns an active hold into a `redeem` entry of the points actually discounted.
   *
   * @example
   * await loyaltyPointsService.convertHold({ hold_id: "lphold_123", points: 450, order_id: "order_1" })
   */
  convertHold(input: ConvertHoldInput, sharedContext?: Context): Promise<ConvertHoldResult>

  /**
   * Undoes a hold's conversion: the points go back and the hold is active again.
   *
   * @example
   * await loyaltyPointsService.undoHoldConversion("lphold_123")
   */
  undoHoldConversion(holdId: string, sharedContext?: Context): Promise<HoldResult>

  /**
   * The cart's active hold, or null.
   *
   * @example
   * const hold = await loyaltyPointsService.retrieveActiveHoldForCart("cart_123")
   */
  retrieveActiveHoldForCart(cartId: string, sharedContext?: Context): Promise<LedgerHoldDTO | null>

  /**
   * Active holds whose time ran out before `now`, oldest first.
   *
   * @example
   * const stale = await loyaltyPointsService.listStaleHolds(new Date(), 100)
   */
  listStaleHolds(now?: Date, limit?: number, sharedContext?: Context): Promise<LedgerHoldDTO[]>

  /* ------------------------------------------------------------------ orders */

  /**
   * Records an order's earnable points as pending, after the daily cap, once per key.
   *
   * @example
   * await loyaltyPointsService.recordPendingEarning({ account_id: "lpacc_123", order_id: "order_1", points: 42, idempotency_key: "earn_pending:order_1" })
   */
  recordPendingEarning(input: RecordPendingEarningInput, sharedContext?: Context): Promise<RecordPendingEarningResult>

  /**
   * Makes the captured share of an order's pending points spendable.
   *
   * @example
   * await loyaltyPointsService.settleOrderEarning({ account_id: "lpacc_123", order_id: "order_1", captured_amount: 50, payable_amount: 100 })
   */
  settleOrderEarning(input: SettleOrderEarningInput, sharedContext?: Context): Promise<SettleOrderEarningResult>

  /**
   * Takes back what an order's refunds or cancellation take away: void, give back, claw back.
   *
   * @example
   * await loyaltyPointsService.settleOrderReversal({ account_id, order_id, captured_amount: 121, refunded_amount: 60.5, payable_amount: 121, canceled: false, cause })
   */
  settleOrderReversal(input: SettleOrderReversalInput, sharedContext?: Context): Promise<SettleOrderReversalResult>

  /**
   * Moves an order's earnable points to the figure recomputed after an order edit.
   *
   * @example
   * await loyaltyPointsService.reviseOrderEarning({ account_id: "lpacc_123", order_id: "order_1", points: 75, revision: "2" })
   */
  reviseOrderEarning(input: ReviseOrderEarningInput, sharedContext?: Context): Promise<ReviseOrderEarningResult>

  /**
   * An order's points as the ledger records them.
   *
   * @example
   * const { earned, pending } = await loyaltyPointsService.summarizeOrderPoints("order_1")
   */
  summarizeOrderPoints(orderId: string, sharedContext?: Context): Promise<OrderPointsSummary>

  /**
   * Records on a cart's `redeem` entry the order the cart became.
   *
   * @example
   * await loyaltyPointsService.attachOrderToCartRedemption("cart_123", "order_123")
   */
  attachOrderToCartRedemption(cartId: string, orderId: string, sharedContext?: Context): Promise<CartRedemptionAttachment[]>
}
