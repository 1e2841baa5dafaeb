import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LedgerResult, LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"
import { AdjustmentChange, assertNotCompensated, compensationKey, adjustmentEntryContext } from "../utils/adjustment-change"

export const creditAdjustmentStepId = "loyalty-points-credit-adjustment"

type CreditUndo = { account_id: string; points: number; entry_id: string; idempotency_key: string }

/**
 * Credits an admin's positive adjustment as an `adjust` entry valued in the
 * programme's default currency, opening a lot that expires at `expires_at` (or per
 * the programme). A replayed idempotency key credits nothing and answers the first
 * entry.
 *
 * Compensation: debits the same points back (`allow_debt`, since they may have been
 * spent meanwhile) under a key derived from the adjustment's.
 *
 * @example
 * const credited = creditAdjustmentStep({ ...change, points: 50 })
 */
export const creditAdjustmentStep = createStep(
  creditAdjustmentStepId,
  async (change: AdjustmentChange, { container }) => {
    const service = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const result: LedgerResult = await service.creditPoints({
      account_id: change.account_id,
      points: change.points,
      type: "adjust",
      expires_at: change.expires_at ?? undefined,
      ...(await adjustmentEntryContext(service, change)),
    })
    if (result.replayed) {
      await assertNotCompensated(service, change.idempotency_key)
      // null, not undefined: StepResponse would otherwise hand the result to the compensation.
      return new StepResponse<typeof result, CreditUndo | null>(result, null)
    }
    const undo: CreditUndo = {
      account_id: change.account_id,
      points: change.points,
      entry_id: result.entry.id,
      idempotency_key: change.idempotency_key,
    }
    return new StepResponse<typeof result, CreditUndo | null>(result, undo)
  },
  async (undo: CreditUndo | null | undefined, { container }) => {
    if (!undo) {
      return
    }
    const service = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    await service.debitPoints({
      account_id: undo.account_id,
      points: undo.points,
      type: "adjust",
      allow_debt: true,
      idempotency_key: compensationKey(undo.idempotency_key),
      actor_type: "system",
      reason: "compensation",
      reference_type: "entry",
      reference_id: undo.entry_id,
    })
  }
)
