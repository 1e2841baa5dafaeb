import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ActorType, LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"
import { newVoucherCode, pointsToMoney } from "../../redemption/utils/loyalty-promotion"

export const debitVoucherPointsStepId = "loyalty-points-debit-voucher-points"

export type DebitVoucherPointsStepInput = {
  account_id: string
  points: number
  currency_code: string
  value_per_point: number
  idempotency_key: string
  actor_type: ActorType
  actor_id: string | null
}

/**
 * Spends the points on a voucher (`redeem`, referring to the voucher's code, which is
 * chosen here so a repeated request finds the same voucher). Compensation gives the
 * points back into their lots.
 *
 * @example
 * const { entry, code } = debitVoucherPointsStep({ account_id, points: 500, currency_code: "usd", value_per_point: 0.01, idempotency_key, actor_type: "customer", actor_id })
 */
export const debitVoucherPointsStep = createStep(
  debitVoucherPointsStepId,
  async (input: DebitVoucherPointsStepInput, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const code = newVoucherCode()
    const amount = pointsToMoney(input.points, input.value_per_point)
    const result = await loyalty.debitPoints({
      account_id: input.account_id,
      points: input.points,
      type: "redeem",
      idempotency_key: `voucher:${input.idempotency_key}`,
      actor_type: input.actor_type,
      actor_id: input.actor_id,
      reason: "voucher",
      reference_type: "voucher",
      reference_id: code,
      currency_code: input.currency_code,
      money_amount: amount,
      metadata: { code, amount, currency_code: input.currency_code },
    })
    const voucher = {
      entry: result.entry,
      code: (result.entry.metadata as { code: string }).code,
      amount: (result.entry.metadata as { amount: number }).amount,
      replayed: result.replayed,
    }
    return new StepResponse(voucher, result.replayed ? null : result.entry)
  },
  async (entry, { container }) => {
    if (!entry) {
      return
    }
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    await loyalty.reversePoints({
      entry_id: entry.id,
      points: -entry.points,
      idempotency_key: `${entry.idempotency_key}:undo`,
      reason: "voucher_failed",
    })
  }
)
