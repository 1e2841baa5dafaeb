import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteTierStep } from "../steps/delete-tier"

export type DeleteTierWorkflowInput = { id: string }

export const deleteTierWorkflowId = "loyalty-points-delete-tier"

/**
 * Deletes a tier (soft delete): 404 when it does not exist.
 *
 * @example
 * await deleteTierWorkflow(container).run({ input: { id: "lptier_123" } })
 */
export const deleteTierWorkflow = createWorkflow(deleteTierWorkflowId, (input: DeleteTierWorkflowInput) => {
  useQueryGraphStep({
    entity: "loyalty_tier",
    fields: ["id"],
    filters: { id: input.id },
    options: { throwIfKeyNotFound: true },
  })
  deleteTierStep(input.id)
  return new WorkflowResponse({ id: input.id })
})
