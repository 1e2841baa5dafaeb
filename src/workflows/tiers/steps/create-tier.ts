import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ILoyaltyPointsModuleService } from "../../../types"
import { LOYALTY_POINTS_MODULE } from "../../../types/module"
import { CreateLoyaltyTierInput, LoyaltyTierDTO } from "../../../types/tiers-and-rules"
import { rethrowDuplicateRank } from "../utils/rethrow-duplicate-rank"

export const createTierStepId = "loyalty-points-create-tier-step"

/**
 * Creates a tier in the default programme. Compensation deletes it.
 *
 * @example
 * const tier = createTierStep({ name: "Gold", rank: 3, threshold: 5000, earn_multiplier: 1.2 })
 */
export const createTierStep = createStep(
  createTierStepId,
  async (input: CreateLoyaltyTierInput, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const program = await loyalty.retrieveDefaultProgram()
    const tier = await loyalty
      .createLoyaltyTiers({ ...input, program_id: program.id })
      .catch(rethrowDuplicateRank(input.rank))
    return new StepResponse(tier as unknown as LoyaltyTierDTO, tier.id)
  },
  async (tierId, { container }) => {
    if (!tierId) {
      return
    }
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    await loyalty.deleteLoyaltyTiers(tierId)
  }
)
