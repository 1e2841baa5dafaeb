import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"
import { CartLoyaltyState, loadCartLoyaltyState } from "./cart-loyalty-state"
import { moneyToPoints, pointsToMoney, type LoyaltyPromotionMetadata } from "./loyalty-promotion"
import { pointsAllowedByLimits, shareBase } from "./points-limits"

export type HoldSyncPlan =
  | { action: "none" }
  /** The discount is gone (removed by hand) or the limits leave too few points: release it all. */
  | { action: "release" }
  /** Shrink the hold to `points`; `reapply` when the cart's discount must be recomputed. */
  | { action: "shrink"; points: number; reapply: boolean }

/**
 * What the cart's hold must become for its points discount: the hold follows the
 * discount Medusa actually applied (it caps a fixed discount at what the items are
 * worth) and the programme's limits for the cart as it is now. Pure: no reads.
 */
export function planHoldSync(state: CartLoyaltyState): HoldSyncPlan {
  const hold = state.hold
  if (!hold) {
    return { action: "none" }
  }
  if (!state.loyalty_codes.length || state.applied_amount <= 0 || !state.value_per_point) {
    return { action: "release" }
  }
  const discounted = moneyToPoints(state.applied_amount, state.value_per_point)
  const allowed = pointsAllowedByLimits(state.settings, state.cart.currency_code, shareBase(state.cart), state.voucher_amount)
  const keep = Math.min(hold.points, discounted, allowed)
  if (keep >= hold.points && state.applied_amount <= pointsToMoney(hold.points, state.value_per_point)) {
    return { action: "none" }
  }
  if (keep < Math.max(state.settings.redemption.min_points, 1)) {
    return { action: "release" }
  }
  return { action: "shrink", points: keep, reapply: state.applied_amount > pointsToMoney(keep, state.value_per_point) }
}

/**
 * Carries out `planHoldSync` on the ledger and the promotion: lowers the hold (the
 * freed points are spendable again) and the promotion's value with it, or releases the
 * hold. Answers the codes the cart must carry when its discount has to be recomputed
 * (`promo_codes`, null when not) and the plugin's codes no longer used. Only ever frees
 * points. Run under the cart's lock.
 */
export async function syncHoldToDiscount(container: MedusaContainer, cartId: string) {
  const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const unchanged = { changed: false as const, promo_codes: null as string[] | null, released_codes: [] as string[] }
  // Every cart change runs this: one indexed lookup for the many carts that spend no points.
  if (!(await loyalty.retrieveActiveHoldForCart(cartId))) {
    return unchanged
  }
  const state = await loadCartLoyaltyState(container, cartId)
  if (!state?.hold || state.cart.completed_at) {
    return unchanged
  }
  const plan = planHoldSync(state)
  if (plan.action === "none") {
    return unchanged
  }
  if (plan.action === "release") {
    await loyalty.releaseHold({ hold_id: state.hold.id })
    return {
      changed: true as const,
      points: 0,
      promo_codes: state.loyalty_codes.length ? state.other_codes : null,
      released_codes: state.loyalty_codes,
    }
  }
  const { hold } = await loyalty.holdPoints({
    account_id: state.hold.account_id,
    cart_id: cartId,
    points: plan.points,
    expires_at: state.hold.expires_at,
    idempotency_key: `${state.hold.idempotency_key}:capped:${plan.points}`,
  })
  const promotionModule = container.resolve(Modules.PROMOTION)
  const promotions = await promotionModule.listPromotions(
    { code: state.loyalty_codes },
    { relations: ["application_method"] }
  )
  for (const promotion of promotions) {
    await promotionModule.updatePromotions({
      id: promotion.id,
      application_method: { id: promotion.application_method!.id, value: pointsToMoney(plan.points, state.value_per_point!) },
      metadata: {
        ...(promotion.metadata ?? {}),
        loyalty_points: { ...((promotion.metadata as LoyaltyPromotionMetadata | null)?.loyalty_points ?? {}), hold_id: hold.id, points: plan.points },
      },
    } as Parameters<typeof promotionModule.updatePromotions>[0])
  }
  return {
    changed: true as const,
    points: plan.points,
    hold_id: hold.id,
    promo_codes: plan.reapply ? [...state.other_codes, ...state.loyalty_codes] : null,
    released_codes: [] as string[],
  }
}
