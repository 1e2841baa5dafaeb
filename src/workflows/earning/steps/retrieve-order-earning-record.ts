import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ILoyaltyPointsModuleService } from "../../../types"
import { LOYALTY_POINTS_MODULE } from "../../../types/module"

export const retrieveOrderEarningRecordStepId = "loyalty-points-retrieve-order-earning-record"

/**
 * The `earn_pending` entry `order.placed` recorded for an order, reduced to what a
 * recomputation needs: whether it exists and the tier multiplier the order was placed
 * with (a later tier change does not reprice an order).
 *
 * @example
 * const record = retrieveOrderEarningRecordStep({ order_id: "order_123" })
 */
export const retrieveOrderEarningRecordStep = createStep(
  retrieveOrderEarningRecordStepId,
  async (input: { order_id: string }, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const [entry] = await loyalty.listLoyaltyEntries(
      { idempotency_key: `earn_pending:${input.order_id}` },
      { select: ["id", "metadata"] }
    )
    const multiplier = Number((entry?.metadata as Record<string, unknown> | null)?.tier_multiplier)
    return new StepResponse({
      recorded: !!entry,
      tier_multiplier: Number.isFinite(multiplier) && multiplier > 0 ? multiplier : null,
    })
  }
)
