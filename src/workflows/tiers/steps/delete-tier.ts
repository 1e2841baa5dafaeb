import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ILoyaltyPointsModuleService } from "../../../types"
import { LOYALTY_POINTS_MODULE } from "../../../types/module"

export const deleteTierStepId = "loyalty-points-delete-tier-step"

/**
 * Soft-deletes a tier, so that compensation can restore it as it was.
 *
 * @example
 * deleteTierStep("lptier_123")
 */
export const deleteTierStep = createStep(
  deleteTierStepId,
  async (tierId: string, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    await loyalty.softDeleteLoyaltyTiers([tierId])
    return new StepResponse(void 0, tierId)
  },
  async (tierId, { container }) => {
    if (!tierId) {
      return
    }
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    await loyalty.restoreLoyaltyTiers([tierId])
  }
)
