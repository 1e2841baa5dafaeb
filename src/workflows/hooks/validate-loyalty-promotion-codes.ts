import { updateCartPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { PromotionActions } from "@medusajs/framework/utils"
import { assertLoyaltyCodesBelongToCart } from "../redemption/utils/redeem-cart-hold"
import { isLoyaltyCode } from "../redemption/utils/loyalty-promotion"
import { takeHook } from "./utils/take-hook"

/**
 * Only the plugin adds its codes: a points code applied by hand through the standard
 * promotions route, or moved to another cart, is refused unless it is that cart's own
 * code backed by its active hold (which is also what Medusa re-applies on refresh).
 */
takeHook("updateCartPromotionsWorkflow.hooks.validate", () =>
  updateCartPromotionsWorkflow.hooks.validate(async ({ input, cart }, { container }) => {
    if ((input.action ?? PromotionActions.ADD) === PromotionActions.REMOVE) {
      return
    }
    const codes = (input.promo_codes ?? []).filter(isLoyaltyCode)
    await assertLoyaltyCodesBelongToCart(container, cart.id, codes)
  })
)
