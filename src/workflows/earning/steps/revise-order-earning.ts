import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ILoyaltyPointsModuleService } from "../../../types"
import { LOYALTY_POINTS_MODULE } from "../../../types/module"
import { EarnableBreakdown } from "../utils/compute-earnable-points"

export const reviseOrderEarningStepId = "loyalty-points-revise-order-earning"

export type ReviseOrderEarningStepInput = {
  account_id: string
  order_id: string
  /** Identifies the order change (the order's version after it). */
  revision: string
  breakdown: EarnableBreakdown
}

/**
 * Moves an order's pending points to what the edited order earns, with the new
 * breakdown in the entry's metadata, while nothing of the order was earned or reversed
 * yet. Repeating the same revision changes nothing.
 *
 * No compensation on purpose: the entry states what the order, as confirmed, earns; a
 * retried workflow finds the figure already there.
 *
 * @example
 * const revised = reviseOrderEarningStep({ account_id, order_id, revision: "2", breakdown })
 */
export const reviseOrderEarningStep = createStep(
  reviseOrderEarningStepId,
  async (input: ReviseOrderEarningStepInput, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const result = await loyalty.reviseOrderEarning({
      account_id: input.account_id,
      order_id: input.order_id,
      points: input.breakdown.points,
      revision: input.revision,
      currency_code: input.breakdown.currency_code,
      metadata: { ...input.breakdown },
    })
    return new StepResponse(result)
  }
)
