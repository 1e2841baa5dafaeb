import { acquireLockStep, releaseLockStep, updateCartPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { PromotionActions } from "@medusajs/framework/utils"
import { LOYALTY_INTERNAL_CHANGE } from "../utils/loyalty-promotion"
import { createWorkflow, transform, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { checkRedemptionOtpStep } from "../steps/check-redemption-otp"
import { createLoyaltyPromotionStep } from "../steps/create-loyalty-promotion"
import { deleteLoyaltyPromotionsStep } from "../steps/delete-loyalty-promotions"
import { holdCartPointsStep } from "../steps/hold-cart-points"
import { loadCartLoyaltyStateStep } from "../steps/load-cart-loyalty-state"
import { syncHoldToDiscountStep } from "../steps/sync-hold-to-discount"
import { validateRedemptionStep } from "../steps/validate-redemption"

export const applyLoyaltyPointsWorkflowId = "loyalty-points-apply-to-cart"

export type ApplyLoyaltyPointsWorkflowInput = {
  cart_id: string
  customer_id: string
  points: number
  idempotency_key: string
  /** The one-time code, when the `otp` option asks for one. */
  otp?: string | null
}

/**
 * Spends points on a cart: checks the programme's limits, the shopper's points and,
 * above the `otp` threshold, a one-time code;
 * holds the points, creates the cart's own promotion and applies it beside the
 * shopper's other codes, replacing an earlier points discount. Everything is undone
 * when a step fails, so an error leaves the balance, the hold and the cart as they were.
 *
 * @example
 * await applyLoyaltyPointsWorkflow(container).run({
 *   input: { cart_id: "cart_123", customer_id: "cus_123", points: 500, idempotency_key: "apply-1" },
 * })
 */
export const applyLoyaltyPointsWorkflow = createWorkflow(
  applyLoyaltyPointsWorkflowId,
  (input: WorkflowData<ApplyLoyaltyPointsWorkflowInput>) => {
    // The key Medusa's cart completion holds: applying or removing never interleaves with it.
    const lockKey = input.cart_id
    acquireLockStep({ key: lockKey, timeout: 10, ttl: 30 })
    const state = loadCartLoyaltyStateStep({ cart_id: input.cart_id, customer_id: input.customer_id })
    const { amount } = validateRedemptionStep({ state, points: input.points })
    checkRedemptionOtpStep(
      transform({ state, input }, ({ state, input }) => ({
        account_id: state.account!.id,
        customer_id: input.customer_id,
        cart_id: input.cart_id,
        points: input.points,
        otp: input.otp ?? null,
      }))
    )
    const hold = holdCartPointsStep(
      transform({ state, input }, ({ state, input }) => ({
        account_id: state.account!.id,
        cart_id: input.cart_id,
        points: input.points,
        idempotency_key: input.idempotency_key,
      }))
    )
    const promotion = createLoyaltyPromotionStep(
      transform({ state, input, amount, hold }, ({ state, input, amount, hold }) => ({
        cart_id: input.cart_id,
        customer_id: input.customer_id,
        currency_code: state.cart.currency_code,
        amount,
        points: input.points,
        hold_id: hold.id,
      }))
    )
    updateCartPromotionsWorkflow.runAsStep({
      input: transform({ state, promotion, input }, ({ state, promotion, input }) => ({
        cart_id: input.cart_id,
        promo_codes: [...state.other_codes, promotion.code],
        action: PromotionActions.REPLACE,
        force_refresh_payment_collection: true,
        [LOYALTY_INTERNAL_CHANGE]: true,
      })),
    })
    syncHoldToDiscountStep({ cart_id: input.cart_id })
    deleteLoyaltyPromotionsStep({ codes: state.loyalty_codes })
    releaseLockStep({ key: lockKey })
    return new WorkflowResponse(transform({ hold, promotion }, ({ hold, promotion }) => ({ hold, code: promotion.code })))
  }
)
