import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ILoyaltyPointsModuleService } from "../../../types"
import { LOYALTY_POINTS_MODULE } from "../../../types/module"
import { CreateLoyaltyEarningRuleInput, LoyaltyEarningRuleDTO } from "../../../types/tiers-and-rules"

export const createEarningRuleStepId = "loyalty-points-create-earning-rule-step"

/**
 * Creates an earning rule in the default programme. Compensation deletes it.
 *
 * @example
 * const rule = createEarningRuleStep({
 *   name: "Double points on shoes", action: "multiplier", multiplier: 2,
 *   target_type: "category", target_ids: ["pcat_shoes"],
 * })
 */
export const createEarningRuleStep = createStep(
  createEarningRuleStepId,
  async (input: CreateLoyaltyEarningRuleInput, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const program = await loyalty.retrieveDefaultProgram()
    const rule = await loyalty.createLoyaltyEarningRules({
      ...input,
      multiplier: input.action === "exclude" ? null : input.multiplier,
      target_ids: [...new Set(input.target_ids)],
      program_id: program.id,
    } as unknown as Parameters<typeof loyalty.createLoyaltyEarningRules>[0][number])
    return new StepResponse(rule as unknown as LoyaltyEarningRuleDTO, rule.id)
  },
  async (ruleId, { container }) => {
    if (!ruleId) {
      return
    }
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    await loyalty.deleteLoyaltyEarningRules(ruleId)
  }
)
