import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteEarningRuleStep } from "../steps/delete-earning-rule"

export type DeleteEarningRuleWorkflowInput = { id: string }

export const deleteEarningRuleWorkflowId = "loyalty-points-delete-earning-rule"

/**
 * Deletes an earning rule (soft delete): 404 when it does not exist.
 *
 * @example
 * await deleteEarningRuleWorkflow(container).run({ input: { id: "lprule_123" } })
 */
export const deleteEarningRuleWorkflow = createWorkflow(
  deleteEarningRuleWorkflowId,
  (input: DeleteEarningRuleWorkflowInput) => {
    useQueryGraphStep({
      entity: "loyalty_earning_rule",
      fields: ["id"],
      filters: { id: input.id },
      options: { throwIfKeyNotFound: true },
    })
    deleteEarningRuleStep(input.id)
    return new WorkflowResponse({ id: input.id })
  }
)
