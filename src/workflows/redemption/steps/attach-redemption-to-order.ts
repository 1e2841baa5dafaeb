import { ContainerRegistrationKeys, Modules, PromotionStatus } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"
import { isLoyaltyCode } from "../utils/loyalty-promotion"
import { GraphRecord } from "../../../utils/graph-record"

export const attachRedemptionToOrderStepId = "loyalty-points-attach-redemption-to-order"

/**
 * Once the cart is an order: records the order on the cart's `redeem` entry (written
 * during completion, before the order existed) and deactivates the used points
 * promotion. Both are idempotent, so there is nothing to undo.
 *
 * @example
 * const { redeemed } = attachRedemptionToOrderStep({ order_id: "order_123" })
 */
export const attachRedemptionToOrderStep = createStep(
  attachRedemptionToOrderStepId,
  async (input: { order_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "customer_id", "cart.id", "promotions.id", "promotions.code"],
      filters: { id: input.order_id },
    })
    const order = data[0]
    const cartId: string | undefined = order?.cart?.id
    if (!cartId) {
      return new StepResponse({ redeemed: [] as { entry_id: string; account_id: string; points: number }[], customer_id: null as string | null })
    }
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const redeemed = await loyalty.attachOrderToCartRedemption(cartId, order.id)
    const used = (order.promotions ?? []).filter((promotion: GraphRecord) => promotion && isLoyaltyCode(promotion.code))
    if (used.length) {
      await container
        .resolve(Modules.PROMOTION)
        .updatePromotions(used.map((promotion: GraphRecord) => ({ id: promotion.id, status: PromotionStatus.INACTIVE })))
    }
    return new StepResponse({ redeemed, customer_id: (order.customer_id ?? null) as string | null })
  }
)
