import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ILoyaltyPointsModuleService } from "../../../types"
import { LOYALTY_POINTS_MODULE } from "../../../types/module"
import { EarnableBreakdown } from "../utils/compute-earnable-points"

export const recordPendingEarningStepId = "loyalty-points-record-pending-earning"

export type RecordPendingEarningStepInput = {
  account_id: string
  order_id: string
  breakdown: EarnableBreakdown
}

/**
 * Records the order's earnable points as pending, once per order, with the per-line
 * breakdown in the entry's metadata.
 *
 * No compensation on purpose: the entry is an idempotent fact about a placed order. A
 * retried workflow replays it and carries on; voiding it would leave the order with
 * nothing to earn when the payment is captured.
 *
 * @example
 * const pending = recordPendingEarningStep({ account_id, order_id, breakdown })
 */
export const recordPendingEarningStep = createStep(
  recordPendingEarningStepId,
  async (input: RecordPendingEarningStepInput, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const settings = await loyalty.getProgramSettings()
    const result = await loyalty.recordPendingEarning({
      account_id: input.account_id,
      order_id: input.order_id,
      points: input.breakdown.points,
      max_points_per_day: settings.max_points_per_customer_per_day,
      idempotency_key: `earn_pending:${input.order_id}`,
      currency_code: input.breakdown.currency_code,
      metadata: { ...input.breakdown },
    })
    return new StepResponse(result)
  }
)
