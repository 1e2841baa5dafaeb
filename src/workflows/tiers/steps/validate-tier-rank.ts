import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ILoyaltyPointsModuleService } from "../../../types"
import { LOYALTY_POINTS_MODULE } from "../../../types/module"

export type ValidateTierRankStepInput = {
  /** The rank the tier is to have. */
  rank: number
  /** The tier being updated, which may keep its own rank. */
  tier_id?: string
}

export const validateTierRankStepId = "loyalty-points-validate-tier-rank"

/**
 * Refuses (409) a rank that another live tier of the default programme already has:
 * ranks order the tiers, so two tiers on one rank would make "the next tier" ambiguous.
 * The unique index on (program_id, rank) still guards against two requests racing.
 *
 * @example
 * validateTierRankStep({ rank: 2, tier_id: "lptier_123" })
 */
export const validateTierRankStep = createStep(
  validateTierRankStepId,
  async (input: ValidateTierRankStepInput, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const program = await loyalty.retrieveDefaultProgram()
    const [holder] = await loyalty.listLoyaltyTiers(
      { program_id: program.id, rank: input.rank },
      { select: ["id", "name"], take: 1 }
    )
    if (holder && holder.id !== input.tier_id) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Field 'rank': rank ${input.rank} is already used by the tier "${holder.name}" (${holder.id})`
      )
    }
    return new StepResponse(void 0)
  }
)
