import { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { LedgerHoldDTO, LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"
import { isLoyaltyCode, moneyToPoints, POINTS_DISCOUNT_RECAPPED } from "./loyalty-promotion"
import { pointsAllowedByLimits, pointsDiscountOf, shareBase, voucherDiscountOf } from "./points-limits"
import { GraphRecord } from "../../../utils/graph-record"

const notAllowed = (message: string, code?: string) => new MedusaError(MedusaError.Types.NOT_ALLOWED, message, code)

/**
 * Refuses any of the plugin's codes that is not this cart's own code backed by its
 * active hold. Pure: takes the promotions (with metadata) and the hold already read.
 */
function assertCodesBacked(
  cartId: string,
  codes: string[],
  promotions: { code?: string | null; metadata?: Record<string, unknown> | null }[],
  hold: LedgerHoldDTO | null
) {
  for (const code of codes) {
    const meta = (promotions.find((p) => p.code === code)?.metadata as GraphRecord)?.loyalty_points
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
 * Refuses any of the plugin's codes on a cart other than the one it was made for, or
 * not backed by the cart's active hold. Used when codes are applied by hand.
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
  assertCodesBacked(cartId, codes, promotions, hold)
}

export type CompletingCart = {
  id: string
  currency_code: string
  customer_id?: string | null
  completed_at?: Date | string | null
  item_subtotal?: unknown
  items?: GraphRecord[] | null
  shipping_methods?: GraphRecord[] | null
  promotions?: ({ code?: string | null } | null)[] | null
}

/**
 * The completion guard, given the cart exactly as Medusa's completion read it (under
 * its lock) and will turn into the order: spends the points behind that cart's points
 * discount, once, as a `redeem` entry, and releases the rest of the hold. Refuses (so
 * no order is created) a discount that is not this cart's, whose hold was released or
 * expired, whose points are gone, or that the programme's limits no longer allow for
 * the cart as it completes (then `recap` is asked to shrink it, and the shopper sees the
 * smaller discount in the cart state). A cart that already became an order passes
 * untouched, so completing it again answers its order. Answers what was converted, or
 * null when the cart spends no points.
 *
 * Reads: the hold (every cart), plus the promotions and the settings (carts with points).
 */
export async function redeemCompletingCart(
  container: MedusaContainer,
  cart: CompletingCart,
  recap: (cartId: string) => void
) {
  if (cart.completed_at) {
    return null
  }
  const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const adjustmentCodes = [...(cart.items ?? []), ...(cart.shipping_methods ?? [])]
    .flatMap((line: GraphRecord) => line?.adjustments ?? [])
    .map((adjustment: GraphRecord) => adjustment?.code)
  const codes = [
    ...new Set([...adjustmentCodes, ...(cart.promotions ?? []).map((p) => p?.code)].filter(isLoyaltyCode) as string[]),
  ]
  const hold = await loyalty.retrieveActiveHoldForCart(cart.id)
  if (!codes.length) {
    // Most completions spend no points: only a left-over hold to free.
    if (hold) {
      await loyalty.releaseHold({ hold_id: hold.id })
    }
    return null
  }
  const [promotions, settings] = await Promise.all([
    container.resolve(Modules.PROMOTION).listPromotions({ code: codes }, { select: ["id", "code", "metadata"] }),
    loyalty.getProgramSettings(),
  ])
  assertCodesBacked(cart.id, codes, promotions, hold)
  const amount = pointsDiscountOf(cart)
  if (amount <= 0 || !hold) {
    if (hold) {
      await loyalty.releaseHold({ hold_id: hold.id })
    }
    return null
  }
  if (hold.expires_at && new Date(hold.expires_at) <= new Date()) {
    throw notAllowed(
      `The points discount on cart ${cart.id} is no longer valid: its points hold expired. Remove it and apply points again.`
    )
  }
  const value = settings.redemption_values[String(cart.currency_code).toLowerCase()]
  if (!value) {
    throw notAllowed(`Points cannot be spent in ${String(cart.currency_code).toUpperCase()}: the programme has no redemption value for it`)
  }
  const points = moneyToPoints(amount, value)
  const allowed = pointsAllowedByLimits(settings, cart.currency_code, shareBase(cart), voucherDiscountOf(cart))
  if (points > allowed) {
    recap(cart.id)
    throw notAllowed(
      `The points discount on cart ${cart.id} (${points} points) is more than the programme allows for the cart as it is now ` +
        `(at most ${allowed} points): it is being lowered to fit. Review the cart and complete it again.`,
      POINTS_DISCOUNT_RECAPPED
    )
  }
  if (points > hold.points) {
    throw notAllowed(`The points discount on cart ${cart.id} is larger than the ${hold.points} points it holds`)
  }
  const { entry } = await loyalty.convertHold({
    hold_id: hold.id,
    points,
    // The money behind the discount the order is created with, exactly.
    money_amount: amount,
    currency_code: cart.currency_code,
    actor_type: "customer",
    actor_id: cart.customer_id ?? undefined,
    reason: "cart_completed",
  })
  return { hold_id: hold.id, entry_id: entry.id, points }
}
