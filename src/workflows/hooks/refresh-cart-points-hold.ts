import { refreshCartItemsWorkflow } from "@medusajs/medusa/core-flows"
import { syncHoldToDiscount } from "../redemption/utils/sync-hold-to-discount"

/**
 * When the cart's items change, Medusa re-applies its codes and caps a fixed discount at
 * what the items allow; the hold then follows the discount actually applied.
 */
refreshCartItemsWorkflow.hooks.beforeRefreshingPaymentCollection(async ({ input }, { container }) => {
  await syncHoldToDiscount(container, input.cart_id)
})
