import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { LoyaltyEarningRuleDTO, UpdateLoyaltyEarningRuleInput } from "../../../types/tiers-and-rules"
import { updateEarningRuleStep } from "../steps/update-earning-rule"
import { validateEarningRuleStep } from "../steps/validate-earning-rule"
import { validateEarningRuleTargetsStep } from "../steps/validate-earning-rule-targets"

export type UpdateEarningRuleWorkflowInput = {
  id: string
  update: UpdateLoyaltyEarningRuleInput
}

export const updateEarningRuleWorkflowId = "loyalty-points-update-earning-rule"

/**
 * Updates an earning rule: 404 when it does not exist; the rule as it will be stored
 * (stored values with the changes applied) must still be consistent, and new targets
 * must exist (400 otherwise). Turning a rule into an exclusion clears its multiplier.
 *
 * @example
 * const { result: rule } = await updateEarningRuleWorkflow(container).run({
 *   input: { id: "lprule_123", update: { multiplier: 3, ends_at: new Date("2025-12-31") } },
 * })
 */
export const updateEarningRuleWorkflow = createWorkflow(
  updateEarningRuleWorkflowId,
  (input: UpdateEarningRuleWorkflowInput) => {
    const { data: rules } = useQueryGraphStep({
      entity: "loyalty_earning_rule",
      fields: ["id", "action", "multiplier", "target_type", "target_ids", "starts_at", "ends_at"],
      filters: { id: input.id },
      options: { throwIfKeyNotFound: true },
    })

    const plan = transform({ input, rules }, ({ input, rules }) => {
      const current = rules[0] as unknown as LoyaltyEarningRuleDTO
      const update: UpdateLoyaltyEarningRuleInput = { ...input.update }
      if (update.action === "exclude" && update.multiplier === undefined) {
        update.multiplier = null
      }
      const merged = { ...current, ...update }
      const targetsChanged =
        update.target_ids !== undefined ||
        update.target_type !== undefined ||
        (merged.action === "multiplier" && current.action !== "multiplier")
      return {
        update: { ...update, id: input.id },
        merged,
        targets: { action: merged.action, target_type: merged.target_type, target_ids: merged.target_ids },
        targetsChanged,
      }
    })

    validateEarningRuleStep(transform({ plan }, ({ plan }) => plan.merged))
    when({ plan }, ({ plan }) => plan.targetsChanged).then(() => {
      validateEarningRuleTargetsStep(transform({ plan }, ({ plan }) => plan.targets))
    })

    const rule = updateEarningRuleStep(transform({ plan }, ({ plan }) => plan.update))
    return new WorkflowResponse(rule)
  }
)
