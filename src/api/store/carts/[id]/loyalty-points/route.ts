import { randomUUID } from "crypto"
import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type { ILoyaltyPointsModuleService } from "../../../../../types"
import { LOYALTY_POINTS_MODULE } from "../../../../../types/module"
import { computeEarningFor } from "../../../../../workflows/earning/steps/compute-order-earning"
import { applyLoyaltyPointsWorkflow, removeLoyaltyPointsWorkflow } from "../../../../../workflows/redemption"
import { loadCartLoyaltyState, toAmount, toEarnableLines } from "../../../../../workflows/redemption/utils/cart-loyalty-state"
import { moneyToPoints } from "../../../../../workflows/redemption/utils/loyalty-promotion"
import { maxRedeemablePoints } from "../../../../../workflows/redemption/utils/max-redeemable-points"
import { StoreApplyLoyaltyPointsBody } from "./validators"

/** The cart's loyalty state for its own customer; someone else's cart is a 404. */
async function cartLoyaltyView(req: AuthenticatedMedusaRequest, cartId: string) {
  const state = await loadCartLoyaltyState(req.scope, cartId)
  if (!state || state.cart.customer_id !== req.auth_context.actor_id) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart id not found: ${cartId}`)
  }
  const loyalty = req.scope.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const account = state.account!
  const earning = await computeEarningFor(loyalty, {
    order: { currency_code: state.cart.currency_code, created_at: new Date(), ...toEarnableLines(state.cart) },
    account_id: account.id,
  })
  const applied = state.hold && state.applied_amount > 0 && state.value_per_point
  return {
    cart_id: state.cart.id,
    currency_code: state.cart.currency_code,
    available: account.available,
    // Applying again replaces this cart's hold, so its points count as spendable here.
    max_redeemable_points: maxRedeemablePoints({
      available: account.available + (state.hold?.points ?? 0),
      item_total: toAmount(state.cart.item_subtotal),
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

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json({ loyalty_points: await cartLoyaltyView(req, req.params.id) })
}

export async function POST(req: AuthenticatedMedusaRequest<StoreApplyLoyaltyPointsBody>, res: MedusaResponse) {
  const customerId = req.auth_context.actor_id
  const header = req.get("Idempotency-Key")
  await applyLoyaltyPointsWorkflow(req.scope).run({
    input: {
      cart_id: req.params.id,
      customer_id: customerId,
      points: req.validatedBody.points,
      otp: req.validatedBody.otp ?? null,
      idempotency_key: header ? `apply:${req.params.id}:${header}` : `apply:${req.params.id}:${randomUUID()}`,
    },
  })
  res.json({ loyalty_points: await cartLoyaltyView(req, req.params.id) })
}

export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await removeLoyaltyPointsWorkflow(req.scope).run({
    input: { cart_id: req.params.id, customer_id: req.auth_context.actor_id },
  })
  res.json({ loyalty_points: await cartLoyaltyView(req, req.params.id) })
}
