import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ILoyaltyPointsModuleService } from "../../../types"
import { LOYALTY_POINTS_MODULE } from "../../../types/module"

export const deleteEarningRuleStepId = "loyalty-points-delete-earning-rule-step"

/**
 * Soft-deletes an earning rule, so that compensation can restore it as it was.
 *
 * @example
 * deleteEarningRuleStep("lprule_123")
 */
export const deleteEarningRuleStep = createStep(
  deleteEarningRuleStepId,
  async (ruleId: string, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    await loyalty.softDeleteLoyaltyEarningRules([ruleId])
    return new StepResponse(void 0, ruleId)
  },
  async (ruleId, { container }) => {
    if (!ruleId) {
      return
    }
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    await loyalty.restoreLoyaltyEarningRules([ruleId])
  }
)
