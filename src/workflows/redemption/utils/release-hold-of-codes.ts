import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { LedgerHoldDTO, LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"
import { GraphRecord } from "../../../utils/graph-record"

/**
 * Releases the cart's active hold when it is the one behind one of `codes` (the
 * plugin's promotions record their hold); answers the hold as it was, or null when
 * none of the codes is backed by it.
 */
export async function releaseHoldOfCodes(
  container: MedusaContainer,
  cartId: string,
  codes: string[]
): Promise<LedgerHoldDTO | null> {
  const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const hold = await loyalty.retrieveActiveHoldForCart(cartId)
  if (!hold) {
    return null
  }
  const promotions = await container
    .resolve(Modules.PROMOTION)
    .listPromotions({ code: codes }, { select: ["id", "code", "metadata"] })
  const backed = promotions.some((promotion) => (promotion.metadata as GraphRecord)?.loyalty_points?.hold_id === hold.id)
  if (!backed) {
    return null
  }
  await loyalty.releaseHold({ hold_id: hold.id })
  return hold
}
