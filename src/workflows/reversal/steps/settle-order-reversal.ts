import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ILoyaltyPointsModuleService } from "../../../types"
import { LOYALTY_POINTS_MODULE } from "../../../types/module"
import { SettleOrderReversalInput } from "../../../types/reversal"

export const settleOrderReversalStepId = "loyalty-points-settle-order-reversal"

export type SettleOrderReversalStepInput = Omit<SettleOrderReversalInput, "allow_negative_balance"> & {
  /** Overrides the plugin's `allow_negative_balance` option for this reversal. */
  allow_negative_balance?: boolean | null
}

/**
 * Brings an order's points in line with its refunds or its cancellation: voids pending
 * points, gives redeemed points back into their lots and claws back earned points, each
 * only by the difference between the cumulative target and what the order already
 * reversed. The ledger computes everything under the account lock, so the refund and
 * cancel paths may both run, in any order and any number of times.
 *
 * No compensation on purpose: the entries record money that has already gone back to
 * the shopper; a retried workflow finds nothing left to reverse.
 *
 * @example
 * const reversal = settleOrderReversalStep({
 *   account_id, order_id, cart_id, captured_amount: 121, refunded_amount: 60.5, payable_amount: 121,
 *   canceled: false, cause: { type: "refund", id: "ref_123", payment_id: "pay_123" }, currency_code: "usd",
 * })
 */
export const settleOrderReversalStep = createStep(
  settleOrderReversalStepId,
  async (input: SettleOrderReversalStepInput, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const result = await loyalty.settleOrderReversal({
      ...input,
      allow_negative_balance: input.allow_negative_balance ?? loyalty.getOptions().allow_negative_balance,
    })
    return new StepResponse(result)
  }
)
