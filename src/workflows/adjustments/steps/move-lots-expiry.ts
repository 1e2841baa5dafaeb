import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_POINTS_MODULE, MoveLotsExpiryResult, type ILoyaltyPointsModuleService } from "../../../types"
import { AdjustmentChange, assertNotCompensated, compensationKey, adjustmentEntryContext } from "../utils/adjustment-change"

export const moveLotsExpiryStepId = "loyalty-points-move-lots-expiry"

type MoveUndo = {
  account_id: string
  idempotency_key: string
  entry_id: string
  lots: { lot_id: string; expires_at: Date | string | null }[]
}

/**
 * An adjustment of 0 points: moves the expiry of the account's open lots (remaining
 * > 0) to `expires_at`, recorded as an `adjust` entry of 0 points. A replayed
 * idempotency key moves nothing and answers the first entry.
 *
 * Compensation: puts every moved lot back on the date it had, recorded the same way.
 *
 * @example
 * const moved = moveLotsExpiryStep({ ...change, points: 0, expires_at: "2027-06-30T00:00:00.000Z" })
 */
export const moveLotsExpiryStep = createStep(
  moveLotsExpiryStepId,
  async (change: AdjustmentChange, { container }) => {
    const service = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const result: MoveLotsExpiryResult = await service.moveLotsExpiry({
      account_id: change.account_id,
      expires_at: change.expires_at,
      ...(await adjustmentEntryContext(service, change)),
    })
    if (result.replayed) {
      await assertNotCompensated(service, change.idempotency_key)
      // null, not undefined: StepResponse would otherwise hand the result to the compensation.
      return new StepResponse<typeof result, MoveUndo | null>(result, null)
    }
    const undo: MoveUndo = {
      account_id: change.account_id,
      idempotency_key: change.idempotency_key,
      entry_id: result.entry.id,
      lots: result.lots.map((lot) => ({ lot_id: lot.lot_id, expires_at: lot.previous_expires_at })),
    }
    return new StepResponse<typeof result, MoveUndo | null>(result, undo)
  },
  async (undo: MoveUndo | null | undefined, { container }) => {
    if (!undo) {
      return
    }
    const service = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    await service.moveLotsExpiry({
      account_id: undo.account_id,
      lots: undo.lots,
      idempotency_key: compensationKey(undo.idempotency_key),
      actor_type: "system",
      reason: "compensation",
      reference_type: "entry",
      reference_id: undo.entry_id,
    })
  }
)
