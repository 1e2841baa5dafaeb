import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"

export const deleteCampaignStepId = "loyalty-points-delete-campaign"

/**
 * Soft-deletes a campaign (orders that earned under it keep it in their breakdown), so
 * that compensation can restore it as it was.
 *
 * @example
 * deleteCampaignStep("lpcamp_123")
 */
export const deleteCampaignStep = createStep(
  deleteCampaignStepId,
  async (campaignId: string, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    await loyalty.softDeleteLoyaltyCampaigns([campaignId])
    return new StepResponse(void 0, campaignId)
  },
  async (campaignId, { container }) => {
    if (!campaignId) {
      return
    }
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    await loyalty.restoreLoyaltyCampaigns([campaignId])
  }
)
