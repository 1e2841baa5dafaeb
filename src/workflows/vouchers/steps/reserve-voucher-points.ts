import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_POINTS_MODULE, ReserveVoucherInput, type ILoyaltyPointsModuleService } from "../../../types"

export const reserveVoucherPointsStepId = "loyalty-points-reserve-voucher-points"

/**
 * Spends the points on the voucher (`redeem`, referring to its code), or finds the
 * debit an earlier run of the same request made (insert-or-get under the account
 * lock, within the daily voucher cap). Compensation gives the points of a debit this
 * run made back into their lots; a replay's debit belongs to the first request.
 *
 * @example
 * const voucher = reserveVoucherPointsStep({ account_id, customer_id, points: 500, code, amount: 5, currency_code: "usd", expires_at, idempotency_key, actor_type: "customer", actor_id })
 */
export const reserveVoucherPointsStep = createStep(
  reserveVoucherPointsStepId,
  async (input: ReserveVoucherInput, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const reserved = await loyalty.reserveVoucher(input)
    return new StepResponse(reserved, reserved.replayed ? null : reserved.entry)
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
