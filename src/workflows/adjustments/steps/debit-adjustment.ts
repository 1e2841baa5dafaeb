import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LedgerResult, LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"
import { AdjustmentChange, assertNotCompensated, compensationKey, adjustmentEntryContext } from "../utils/adjustment-change"

export const debitAdjustmentStepId = "loyalty-points-debit-adjustment"

type DebitUndo = { entry_id: string; points: number; idempotency_key: string }

/**
 * Debits an admin's negative adjustment as an `adjust` entry, first-expiring lots
 * first. Refuses (409, "Not enough points: ...") to take `available` below zero; the
 * account row lock makes that hold under any concurrency. A replayed idempotency key
 * debits nothing and answers the first entry.
 *
 * Compensation: gives the points back into the lots they came from (with their
 * expiry) under a key derived from the adjustment's.
 *
 * @example
 * const debited = debitAdjustmentStep({ ...change, points: -20 })
 */
export const debitAdjustmentStep = createStep(
  debitAdjustmentStepId,
  async (change: AdjustmentChange, { container }) => {
    const service = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const points = -change.points
    const result: LedgerResult = await service.debitPoints({
      account_id: change.account_id,
      points,
      type: "adjust",
      ...(await adjustmentEntryContext(service, change)),
    })
    if (result.replayed) {
      await assertNotCompensated(service, change.idempotency_key)
      // null, not undefined: StepResponse would otherwise hand the result to the compensation.
      return new StepResponse<typeof result, DebitUndo | null>(result, null)
    }
    const undo: DebitUndo = { entry_id: result.entry.id, points, idempotency_key: change.idempotency_key }
    return new StepResponse<typeof result, DebitUndo | null>(result, undo)
  },
  async (undo: DebitUndo | null | undefined, { container }) => {
    if (!undo) {
      return
    }
    const service = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    await service.reversePoints({
      entry_id: undo.entry_id,
      points: undo.points,
      type: "adjust",
      idempotency_key: compensationKey(undo.idempotency_key),
      actor_type: "system",
      reason: "compensation",
      reference_type: "entry",
      reference_id: undo.entry_id,
    })
  }
)
