import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { isLoyaltyCode } from "../utils/loyalty-promotion"

export const deleteLoyaltyPromotionsStepId = "loyalty-points-delete-loyalty-promotions"

/**
 * Removes the plugin's promotions that no cart uses any more (replaced, released,
 * expired), so they do not pile up. Only codes the plugin made are touched.
 * Compensation restores them.
 *
 * @example
 * deleteLoyaltyPromotionsStep({ codes: ["LPTS-..."] })
 */
export const deleteLoyaltyPromotionsStep = createStep(
  deleteLoyaltyPromotionsStepId,
  async (input: { codes: string[] }, { container }) => {
    const codes = (input.codes ?? []).filter(isLoyaltyCode)
    if (!codes.length) {
      return new StepResponse([] as string[], [] as string[])
    }
    const promotionModule = container.resolve(Modules.PROMOTION)
    const promotions = await promotionModule.listPromotions({ code: codes }, { select: ["id"] })
    const ids = promotions.map((promotion) => promotion.id)
    if (ids.length) {
      await promotionModule.softDeletePromotions(ids)
    }
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (ids?.length) {
      await container.resolve(Modules.PROMOTION).restorePromotions(ids)
    }
  }
)
