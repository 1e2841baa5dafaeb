import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ILoyaltyPointsModuleService } from "../../../types"
import { LOYALTY_POINTS_MODULE } from "../../../types/module"
import { LoyaltyEarningRuleDTO, UpdateLoyaltyEarningRuleInput } from "../../../types/tiers-and-rules"

export type UpdateEarningRuleStepInput = UpdateLoyaltyEarningRuleInput & { id: string }

export const updateEarningRuleStepId = "loyalty-points-update-earning-rule-step"

/**
 * Updates the given fields of an earning rule. Compensation puts back the values those
 * fields had before.
 *
 * @example
 * const rule = updateEarningRuleStep({ id: "lprule_123", is_active: false })
 */
export const updateEarningRuleStep = createStep(
  updateEarningRuleStepId,
  async (input: UpdateEarningRuleStepInput, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const fields = Object.keys(input).filter((field) => field !== "id")
    const previous = await loyalty.retrieveLoyaltyEarningRule(input.id, { select: ["id", ...fields] })
    const rule = await loyalty.updateLoyaltyEarningRules(input as unknown as Parameters<typeof loyalty.updateLoyaltyEarningRules>[0])
    const restore = Object.fromEntries([["id", input.id], ...fields.map((field) => [field, previous[field as keyof LoyaltyEarningRuleDTO]])])
    return new StepResponse(rule as unknown as LoyaltyEarningRuleDTO, restore as UpdateEarningRuleStepInput)
  },
  async (previous, { container }) => {
    if (!previous) {
      return
    }
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    await loyalty.updateLoyaltyEarningRules(previous as unknown as Parameters<typeof loyalty.updateLoyaltyEarningRules>[0])
  }
)
