import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ILoyaltyPointsModuleService } from "../../../types"
import { LOYALTY_POINTS_MODULE } from "../../../types/module"
import { LoyaltyTierDTO, UpdateLoyaltyTierInput } from "../../../types/tiers-and-rules"
import { rethrowDuplicateRank } from "../utils/rethrow-duplicate-rank"

export type UpdateTierStepInput = UpdateLoyaltyTierInput & { id: string }

export const updateTierStepId = "loyalty-points-update-tier-step"

/**
 * Updates the given fields of a tier. Compensation puts back the values those fields
 * had before.
 *
 * @example
 * const tier = updateTierStep({ id: "lptier_123", earn_multiplier: 1.25 })
 */
export const updateTierStep = createStep(
  updateTierStepId,
  async (input: UpdateTierStepInput, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const fields = Object.keys(input).filter((field) => field !== "id")
    const previous = await loyalty.retrieveLoyaltyTier(input.id, { select: ["id", ...fields] })
    const tier = await loyalty.updateLoyaltyTiers(input).catch(rethrowDuplicateRank(input.rank))
    const restore = Object.fromEntries([["id", input.id], ...fields.map((field) => [field, previous[field as keyof LoyaltyTierDTO]])])
    return new StepResponse(tier as unknown as LoyaltyTierDTO, restore as UpdateTierStepInput)
  },
  async (previous, { container }) => {
    if (!previous) {
      return
    }
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    await loyalty.updateLoyaltyTiers(previous)
  }
)
