import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  LOYALTY_POINTS_MODULE,
  LoyaltyCampaignDTO,
  UpdateLoyaltyCampaignInput,
  type ILoyaltyPointsModuleService,
} from "../../../types"

export type UpdateCampaignStepInput = UpdateLoyaltyCampaignInput & { id: string }

export const updateCampaignStepId = "loyalty-points-update-campaign"

/**
 * Updates the given fields of a campaign. Compensation puts back the values those
 * fields had before.
 *
 * @example
 * const campaign = updateCampaignStep({ id: "lpcamp_123", multiplier: 3 })
 */
export const updateCampaignStep = createStep(
  updateCampaignStepId,
  async (input: UpdateCampaignStepInput, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const fields = Object.keys(input).filter((field) => field !== "id")
    const previous = (await loyalty.retrieveLoyaltyCampaign(input.id, {
      select: ["id", ...fields] as (keyof LoyaltyCampaignDTO)[],
    })) as unknown as Record<string, unknown>
    const campaign = await loyalty.updateLoyaltyCampaigns(
      input as unknown as Parameters<typeof loyalty.updateLoyaltyCampaigns>[0]
    )
    const restore = Object.fromEntries([["id", input.id], ...fields.map((field) => [field, previous[field]])])
    return new StepResponse(campaign as unknown as LoyaltyCampaignDTO, restore as UpdateCampaignStepInput)
  },
  async (previous, { container }) => {
    if (!previous) {
      return
    }
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    await loyalty.updateLoyaltyCampaigns(previous as unknown as Parameters<typeof loyalty.updateLoyaltyCampaigns>[0])
  }
)
