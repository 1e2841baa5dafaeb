import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  CreateLoyaltyCampaignInput,
  LOYALTY_POINTS_MODULE,
  LoyaltyCampaignDTO,
  type ILoyaltyPointsModuleService,
} from "../../../types"

export const createCampaignStepId = "loyalty-points-create-campaign"

/**
 * Creates a campaign in the default programme. Compensation deletes it.
 *
 * @example
 * const campaign = createCampaignStep({ name: "Double weekend", multiplier: 2, starts_at, ends_at })
 */
export const createCampaignStep = createStep(
  createCampaignStepId,
  async (input: CreateLoyaltyCampaignInput, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const program = await loyalty.retrieveDefaultProgram()
    const campaign = await loyalty.createLoyaltyCampaigns({
      ...input,
      program_id: program.id,
    } as unknown as Parameters<typeof loyalty.createLoyaltyCampaigns>[0][number])
    return new StepResponse(campaign as unknown as LoyaltyCampaignDTO, campaign.id)
  },
  async (campaignId, { container }) => {
    if (!campaignId) {
      return
    }
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    await loyalty.softDeleteLoyaltyCampaigns([campaignId])
  }
)
