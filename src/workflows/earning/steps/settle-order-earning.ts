import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ILoyaltyPointsModuleService } from "../../../types"
import { LOYALTY_POINTS_MODULE } from "../../../types/module"

export const settleOrderEarningStepId = "loyalty-points-settle-order-earning"

export type SettleOrderEarningStepInput = {
  account_id: string
  order_id: string
  currency_code: string
  captured_amount: number
  payable_amount: number
  payment_id?: string | null
}

/**
 * Makes the captured share of the order's pending points spendable. The ledger
 * computes the share under the account lock from the payment state, so the capture
 * event and the order placement (for a payment captured at completion) may both call
 * it, any number of times, and the order earns once.
 *
 * No compensation on purpose: points earned on money actually captured stay earned;
 * a retried workflow finds nothing more to earn.
 *
 * @example
 * const settled = settleOrderEarningStep({ account_id, order_id, currency_code: "usd", captured_amount: 50, payable_amount: 100 })
 */
export const settleOrderEarningStep = createStep(
  settleOrderEarningStepId,
  async (input: SettleOrderEarningStepInput, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const result = await loyalty.settleOrderEarning({
      account_id: input.account_id,
      order_id: input.order_id,
      captured_amount: input.captured_amount,
      payable_amount: input.payable_amount,
      currency_code: input.currency_code,
      reference_type: input.payment_id ? "payment" : "order",
      reference_id: input.payment_id ?? input.order_id,
    })
    return new StepResponse(result)
  }
)
