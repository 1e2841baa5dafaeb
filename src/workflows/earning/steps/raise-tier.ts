import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ILoyaltyPointsModuleService } from "../../../types"
import { LOYALTY_POINTS_MODULE } from "../../../types/module"

export const raiseTierStepId = "loyalty-points-raise-tier"

/**
 * Raises the account's tier when its qualifying points now meet a higher threshold.
 * Compensation puts the account back on the tier it had.
 *
 * @example
 * const tier = raiseTierStep({ account_id: "lpacc_123" })
 */
export const raiseTierStep = createStep(
  raiseTierStepId,
  async (input: { account_id: string }, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const result = await loyalty.raiseTierIfQualified(input.account_id)
    return new StepResponse(result, result.changed ? { account_id: input.account_id, tier_id: result.previous_tier_id } : null)
  },
  async (previous, { container }) => {
    if (!previous) {
      return
    }
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    await loyalty.setAccountTier(previous.account_id, previous.tier_id)
  }
)
