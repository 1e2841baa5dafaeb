import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CreateLoyaltyEarningRuleInput } from "../../../types/tiers-and-rules"
import { createEarningRuleStep } from "../steps/create-earning-rule"
import { validateEarningRuleStep } from "../steps/validate-earning-rule"
import { validateEarningRuleTargetsStep } from "../steps/validate-earning-rule-targets"

export const createEarningRuleWorkflowId = "loyalty-points-create-earning-rule"

/**
 * Creates an earning rule of the default programme: checks the multiplier and dates
 * agree with the action, that every target exists (400 otherwise), then creates it.
 *
 * @example
 * const { result: rule } = await createEarningRuleWorkflow(container).run({
 *   input: {
 *     name: "Double points weekend", action: "multiplier", multiplier: 2,
 *     target_type: "collection", target_ids: ["pcol_summer"],
 *     starts_at: new Date("2025-06-07"), ends_at: new Date("2025-06-09"),
 *   },
 * })
 */
export const createEarningRuleWorkflow = createWorkflow(
  createEarningRuleWorkflowId,
  (input: CreateLoyaltyEarningRuleInput) => {
    validateEarningRuleStep(input)
    validateEarningRuleTargetsStep(
      transform({ input }, ({ input }) => ({
        action: input.action,
        target_type: input.target_type,
        target_ids: input.target_ids,
      }))
    )
    const rule = createEarningRuleStep(input)
    return new WorkflowResponse(rule)
  }
)
