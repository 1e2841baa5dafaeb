import { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"
import { loadCartLoyaltyState } from "./cart-loyalty-state"
import { isLoyaltyCode, moneyToPoints, type LoyaltyPromotionMetadata } from "./loyalty-promotion"

const notAllowed = (message: string) => new MedusaError(MedusaError.Types.NOT_ALLOWED, message)

/**
 * Refuses any of the plugin's codes on a cart other than the one it was made for.
 * Shared by the completion check and the check on applying codes by hand.
 */
export async function assertLoyaltyCodesBelongToCart(container: MedusaContainer, cartId: string, codes: string[]) {
  if (!codes.length) {
    return
  }
  const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const [promotions, hold] = await Promise.all([
    container.resolve(Modules.PROMOTION).listPromotions({ code: codes }, { select: ["id", "code", "metadata"] }),
    loyalty.retrieveActiveHoldForCart(cartId),
  ])
  for (const code of codes) {
    const meta = (promotions.find((p) => p.code === code)?.metadata as LoyaltyPromotionMetadata | null | undefined)?.loyalty_points
    if (!meta || meta.cart_id !== cartId) {
      throw notAllowed(
        `The code ${code} is a loyalty points discount of another cart: points are applied with POST /store/carts/:id/loyalty-points`
      )
    }
    if (!hold || hold.id !== meta.hold_id) {
      throw notAllowed(
        `The points discount on cart ${cartId} is no longer valid: its points hold was released or has expired. Remove it and apply points again.`
      )
    }
  }
}

/**
 * At completion: turns the cart's hold into a `redeem` entry for exactly the points the
 * discount takes off the items, releasing the rest. Refuses (and so stops the order
 * from being created) a discount that is not this cart's, whose hold was released or
 * has expired, or whose points are gone. Answers the converted hold, or null when the
 * cart spends no points.
 */
export async function redeemCartHold(
  container: MedusaContainer,
  cartId: string,
  knownCodes?: (string | null | undefined)[]
) {
  const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  if (knownCodes && !knownCodes.some(isLoyaltyCode)) {
    // Most completions spend no points: no discount of ours, so only a left-over hold to free.
    const hold = await loyalty.retrieveActiveHoldForCart(cartId)
    if (hold) {
      await loyalty.releaseHold({ hold_id: hold.id })
    }
    return null
  }
  const state = await loadCartLoyaltyState(container, cartId)
  if (!state) {
    return null
  }
  await assertLoyaltyCodesBelongToCart(container, cartId, state.loyalty_codes)
  if (state.applied_amount <= 0) {
    if (state.hold) {
      await loyalty.releaseHold({ hold_id: state.hold.id })
    }
    return null
  }
  const hold = state.hold!
  if (hold.expires_at && new Date(hold.expires_at) <= new Date()) {
    throw notAllowed(
      `The points discount on cart ${cartId} is no longer valid: its points hold expired. Remove it and apply points again.`
    )
  }
  const points = moneyToPoints(state.applied_amount, state.value_per_point!)
  if (points > hold.points) {
    throw notAllowed(`The points discount on cart ${cartId} is larger than the ${hold.points} points it holds`)
  }
  const { entry } = await loyalty.convertHold({
    hold_id: hold.id,
    points,
    currency_code: state.cart.currency_code,
    actor_type: "customer",
    actor_id: state.cart.customer_id,
    reason: "cart_completed",
  })
  return { hold_id: hold.id, entry_id: entry.id, points }
}
