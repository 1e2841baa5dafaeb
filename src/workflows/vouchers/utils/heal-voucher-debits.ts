import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"
import { GraphRecord } from "../../../utils/graph-record"

/** How long a voucher request may take between its debit and its code before it counts as crashed. */
export const VOUCHER_GRACE_MINUTES = 15

/**
 * Gives back the points of voucher debits whose request crashed between the debit and
 * the code (the process died, so no compensation ran): a debit older than
 * `VOUCHER_GRACE_MINUTES` with no promotion of its own gets a `redeem_reversal` (reason
 * `voucher_failed`) under the same key the compensation uses, so the two can never
 * both give back. A request that is still running finds its debit given back and
 * deletes the code it made (see `createVoucherPromotionStep`). Answers the debits healed.
 *
 * @example
 * const healed = await healVoucherDebits(container)
 */
export async function healVoucherDebits(container: MedusaContainer, minutes = VOUCHER_GRACE_MINUTES): Promise<string[]> {
  const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const debits = await loyalty.unsettledVoucherDebits({ minutes, limit: 500 })
  if (!debits.length) {
    return []
  }
  const promotions = (await container
    .resolve(Modules.PROMOTION)
    .listPromotions({ code: debits.map((debit) => debit.code) }, { select: ["id", "code", "metadata"] })) as GraphRecord[]
  const healed: string[] = []
  for (const debit of debits) {
    const hasVoucher = promotions.some(
      (promotion) => promotion.code === debit.code && promotion.metadata?.loyalty_points_voucher?.entry_id === debit.id
    )
    if (hasVoucher) {
      continue
    }
    await loyalty.reversePoints({
      entry_id: debit.id,
      points: debit.points,
      idempotency_key: `${debit.idempotency_key}:undo`,
      reason: "voucher_failed",
    })
    healed.push(debit.id)
  }
  return healed
}
