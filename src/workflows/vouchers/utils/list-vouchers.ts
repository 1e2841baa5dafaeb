import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { LOYALTY_POINTS_MODULE, LoyaltyVoucherView, type ILoyaltyPointsModuleService } from "../../../types"
import { GraphRecord } from "../../../utils/graph-record"

/**
 * A customer's vouchers, newest first, with when each expires and whether it was used.
 * Only codes that exist: a request that failed after its debit gave the points back
 * and left no code, so it lists nothing.
 */
export async function listCustomerVouchers(container: MedusaContainer, customerId: string): Promise<LoyaltyVoucherView[]> {
  const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const account = await loyalty.retrieveOrCreateAccount(customerId)
  const entries = await loyalty.listLoyaltyEntries(
    { account_id: account.id, type: "redeem", reference_type: "voucher" },
    { order: { created_at: "DESC", id: "DESC" } }
  )
  const codes = entries.map((entry) => entry.reference_id as string)
  const promotions = codes.length
    ? await container
        .resolve(Modules.PROMOTION)
        .listPromotions({ code: codes }, { select: ["id", "code", "used", "limit", "status", "metadata"] })
    : []
  return entries.flatMap((entry) => {
    const promotion = promotions.find(
      (p) => p.code === entry.reference_id && (p.metadata as GraphRecord | null | undefined)?.loyalty_points_voucher?.entry_id === entry.id
    )
    if (!promotion) {
      return []
    }
    const meta = (entry.metadata ?? {}) as { amount?: number; currency_code?: string; expires_at?: string }
    return [
      {
        code: entry.reference_id as string,
        points: -entry.points,
        amount: meta.amount ?? 0,
        currency_code: (meta.currency_code ?? entry.currency_code) as string,
        expires_at: meta.expires_at ?? null,
        used: Boolean(promotion.limit !== null && (promotion.used ?? 0) >= (promotion.limit ?? 1)),
        entry_id: entry.id,
        created_at: entry.created_at,
      },
    ]
  })
}
