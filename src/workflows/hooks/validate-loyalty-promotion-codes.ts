import { updateCartPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { PromotionActions } from "@medusajs/framework/utils"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { LedgerHoldDTO, LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../types"
import { assertLoyaltyCodesBelongToCart } from "../redemption/utils/redeem-cart-hold"
import { isLoyaltyCode, LOYALTY_INTERNAL_CHANGE } from "../redemption/utils/loyalty-promotion"
import { releaseHoldOfCodes } from "../redemption/utils/release-hold-of-codes"
import { takeHook } from "./utils/take-hook"
import { GraphRecord } from "../../utils/graph-record"

/**
 * Guards the plugin's codes on Medusa's own promotion routes
 * (`POST`/`DELETE /store/carts/:id/promotions`, and `promo_codes` on `POST /store/carts/:id`):
 * - only the plugin adds them: a points code applied by hand, or moved to another cart,
 *   is refused unless it is that cart's own code backed by its active hold (which is
 *   also what Medusa re-applies on refresh);
 * - taking the points code off that way (the Next.js starter's discount list) releases
 *   the hold at once, as `DELETE /store/carts/:id/loyalty-points` does. Runs under
 *   Medusa's lock on the cart; if the change fails later, the points are held again.
 * The plugin's own workflows mark their changes, which manage the hold themselves.
 */
takeHook("updateCartPromotionsWorkflow.hooks.validate", () =>
  updateCartPromotionsWorkflow.hooks.validate(
    async ({ input, cart }, { container }) => {
      const action = input.action ?? PromotionActions.ADD
      const codes: string[] = (input.promo_codes ?? []).filter(isLoyaltyCode)
      if (action !== PromotionActions.REMOVE) {
        await assertLoyaltyCodesBelongToCart(container, cart.id, codes)
      }
      if ((input as GraphRecord)[LOYALTY_INTERNAL_CHANGE]) {
        return new StepResponse(undefined, null)
      }
      const upper = new Set((input.promo_codes ?? []).map((code: string) => String(code).toUpperCase()))
      const removed =
        action === PromotionActions.REMOVE
          ? codes
          : action === PromotionActions.REPLACE
            ? ((cart as GraphRecord).promotions ?? [])
                .map((promotion: GraphRecord) => promotion?.code)
                .filter((code: string) => isLoyaltyCode(code) && !upper.has(code.toUpperCase()))
            : []
      const released = removed.length ? await releaseHoldOfCodes(container, cart.id, removed) : null
      return new StepResponse(undefined, released)
    },
    async (released: LedgerHoldDTO | null | undefined, { container }) => {
      if (!released) {
        return
      }
      const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
      await loyalty.holdPoints({
        account_id: released.account_id,
        cart_id: released.cart_id,
        points: released.points,
        expires_at: released.expires_at,
        idempotency_key: `${released.idempotency_key}:restore`,
      })
    }
  )
)
