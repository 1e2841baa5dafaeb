import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"
import { loadCartLoyaltyState } from "./cart-loyalty-state"
import { moneyToPoints, pointsToMoney } from "./loyalty-promotion"

/**
 * When the items no longer allow the whole points discount (Medusa caps a fixed
 * discount at what the items are worth), lowers the hold to the points the discount
 * actually takes and the promotion's value with it, so the points freed are
 * spendable again and the discount cannot grow back beyond its hold.
 */
export async function syncHoldToDiscount(container: MedusaContainer, cartId: string) {
  const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  // Every cart change runs this: one indexed lookup for the many carts that spend no points.
  if (!(await loyalty.retrieveActiveHoldForCart(cartId))) {
    return { changed: false as const }
  }
  const state = await loadCartLoyaltyState(container, cartId)
  if (!state?.hold || !state.loyalty_codes.length || !state.value_per_point || state.applied_amount <= 0) {
    return { changed: false as const }
  }
  const needed = moneyToPoints(state.applied_amount, state.value_per_point)
  if (needed >= state.hold.points) {
    return { changed: false as const }
  }
  const { hold } = await loyalty.holdPoints({
    account_id: state.hold.account_id,
    cart_id: cartId,
    points: needed,
    expires_at: state.hold.expires_at,
    idempotency_key: `${state.hold.idempotency_key}:capped:${needed}`,
  })
  const promotionModule = container.resolve(Modules.PROMOTION)
  const promotions = await promotionModule.listPromotions(
    { code: state.loyalty_codes },
    { relations: ["application_method"] }
  )
  for (const promotion of promotions) {
    await promotionModule.updatePromotions({
      id: promotion.id,
      application_method: { id: promotion.application_method!.id, value: pointsToMoney(needed, state.value_per_point) },
      metadata: {
        ...(promotion.metadata ?? {}),
        loyalty_points: { ...((promotion.metadata as any)?.loyalty_points ?? {}), hold_id: hold.id, points: needed },
      },
    } as any)
  }
  return { changed: true as const, points: needed, hold_id: hold.id }
}
