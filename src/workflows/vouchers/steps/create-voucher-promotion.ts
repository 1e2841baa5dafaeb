import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { createPointsPromotion } from "../../redemption/utils/create-points-promotion"

export const createVoucherPromotionStepId = "loyalty-points-create-voucher-promotion"

/**
 * The voucher itself: a promotion of the points' value, usable once by anyone holding
 * the code, under the "Loyalty points" campaign. A repeated request finds the
 * promotion already there. Compensation deletes what this step created.
 *
 * @example
 * createVoucherPromotionStep({ code: "LPV-...", amount: 5, currency_code: "usd", customer_id: "cus_123", entry_id })
 */
export const createVoucherPromotionStep = createStep(
  createVoucherPromotionStepId,
  async (
    input: { code: string; amount: number; currency_code: string; customer_id: string; entry_id: string },
    { container }
  ) => {
    const promotionModule = container.resolve(Modules.PROMOTION)
    const [existing] = await promotionModule.listPromotions({ code: [input.code] }, { select: ["id", "code"] })
    if (existing) {
      return new StepResponse({ id: existing.id, code: input.code }, null)
    }
    const promotion = await createPointsPromotion(container, {
      code: input.code,
      amount: input.amount,
      currency_code: input.currency_code,
      metadata: { loyalty_points_voucher: { customer_id: input.customer_id, entry_id: input.entry_id } },
    })
    return new StepResponse({ id: promotion.id, code: input.code }, promotion.id)
  },
  async (promotionId, { container }) => {
    if (promotionId) {
      await container.resolve(Modules.PROMOTION).deletePromotions([promotionId])
    }
  }
)
