import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../types"
import { syncCartPointsHoldWorkflow } from "../workflows/redemption"

/**
 * A cart's items changed (added, removed, quantity, region): its points hold follows
 * the points discount. This replaces a hook on refreshCartItemsWorkflow, which
 * @medusajs/loyalty-plugin holds. Most carts spend no points: one indexed lookup, and
 * no workflow run, for them.
 */
export default async function loyaltyPointsCartUpdatedHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  if (!event.data?.id || !(await loyalty.retrieveActiveHoldForCart(event.data.id))) {
    return
  }
  await syncCartPointsHoldWorkflow(container).run({ input: { cart_id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: "cart.updated",
  context: { subscriberId: "loyalty-points-cart-updated" },
}
