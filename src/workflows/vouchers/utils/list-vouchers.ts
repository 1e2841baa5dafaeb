import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"

/** A customer's vouchers, newest first, with whether each was used. */
export async function listCustomerVouchers(container: MedusaContainer, customerId: string) {
  const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const account = await loyalty.retrieveOrCreateAccount(customerId)
  const entries = await loyalty.listLoyaltyEntries(
    { account_id: account.id, type: "redeem", reference_type: "voucher" },
    { order: { created_at: "DESC", id: "DESC" } }
  )
  const codes = entries.map((entry) => entry.reference_id as string)
  const promotions = codes.length
    ? await container.resolve(Modules.PROMOTION).listPromotions({ code: codes }, { select: ["id", "code", "used", "limit", "status"] })
    : []
  return entries.map((entry) => {
    const promotion = promotions.find((p) => p.code === entry.reference_id)
    const meta = (entry.metadata ?? {}) as { amount?: number; currency_code?: string }
    return {
      code: entry.reference_id,
      points: -entry.points,
      amount: meta.amount ?? null,
      currency_code: meta.currency_code ?? entry.currency_code,
      used: Boolean(promotion && promotion.limit !== null && (promotion.used ?? 0) >= (promotion.limit ?? 1)),
      entry_id: entry.id,
      created_at: entry.created_at,
    }
  })
}
