import { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import type { ILoyaltyPointsModuleService } from "../types"
import { LOYALTY_POINTS_MODULE } from "../types/module"
import { computeEarningFor } from "../workflows/earning/steps/compute-order-earning"
import { redemptionUnavailableReason } from "../workflows/hooks/utils/take-hook"
import { syncCartPointsHoldWorkflow } from "../workflows/redemption"
import { loadCartLoyaltyState, toEarnableLines } from "../workflows/redemption/utils/cart-loyalty-state"
import { LOYALTY_POINTS_LABEL, moneyToPoints } from "../workflows/redemption/utils/loyalty-promotion"
import { maxRedeemablePoints } from "../workflows/redemption/utils/max-redeemable-points"
import { shareBase } from "../workflows/redemption/utils/points-limits"
import { planHoldSync } from "../workflows/redemption/utils/sync-hold-to-discount"

/**
 * The cart's loyalty state for its own customer (someone else's cart is a 404): what
 * the shopper can spend on it, what is applied, what the cart would earn. When the cart
 * changed so that its hold no longer fits its discount or the limits, the hold and
 * discount are brought in line first (under the cart's lock), so what is shown is what
 * a completion would spend; otherwise it only reads. A customer with no account yet is
 * read as the account of zeros: nothing is created.
 *
 * @example
 * res.json({ loyalty_points: await retrieveCartLoyaltyView(req.scope, req.params.id, req.auth_context.actor_id) })
 */
export async function retrieveCartLoyaltyView(container: MedusaContainer, cartId: string, customerId: string) {
  let state = await loadCartLoyaltyState(container, cartId)
  if (!state || state.cart.customer_id !== customerId) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart id not found: ${cartId}`)
  }
  if (!state.cart.completed_at && planHoldSync(state).action !== "none") {
    await syncCartPointsHoldWorkflow(container).run({ input: { cart_id: cartId } })
    state = (await loadCartLoyaltyState(container, cartId))!
  }
  const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const account = state.account!
  // The tier's multiplier, read without failing for an account not stored yet.
  const status = (await loyalty.retrieveTierStatuses([account.id])).get(account.id)
  const earning = await computeEarningFor(loyalty, {
    order: {
      currency_code: state.cart.currency_code,
      created_at: new Date(),
      sales_channel_id: state.cart.sales_channel_id ?? null,
      ...toEarnableLines(state.cart),
    },
    account_id: account.id,
    tier_multiplier: status?.tier?.earn_multiplier ?? 1,
  })
  const applied = Boolean(state.hold && state.applied_amount > 0 && state.value_per_point)
  const unavailable = redemptionUnavailableReason()
  return {
    cart_id: state.cart.id,
    currency_code: state.cart.currency_code,
    available: account.available,
    /** Whether a points discount is on the cart (backed by its hold). */
    applied,
    /** What a storefront shows for the discount line instead of its code. */
    label: LOYALTY_POINTS_LABEL,
    code: applied ? (state.loyalty_codes[0] ?? null) : null,
    redemption_available: !unavailable,
    ...(unavailable ? { redemption_unavailable_reason: unavailable } : {}),
    // Applying again replaces this cart's hold, so its points count as spendable here.
    max_redeemable_points: unavailable
      ? 0
      : maxRedeemablePoints({
          available: account.available + (state.hold?.points ?? 0),
          item_total: shareBase(state.cart),
          voucher_amount: state.voucher_amount,
          currency_code: state.cart.currency_code,
          settings: state.settings,
        }),
    applied_points: applied ? Math.min(state.hold!.points, moneyToPoints(state.applied_amount, state.value_per_point!)) : 0,
    discount_amount: applied ? state.applied_amount : 0,
    earnable_points: earning.points,
    hold_expires_at: state.hold?.expires_at ?? null,
    earning,
  }
}
