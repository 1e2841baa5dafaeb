import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { applyImportStep } from "../steps/apply-import"
import { rejectImportStep } from "../steps/reject-import"

export const approveLoyaltyImportWorkflowId = "loyalty-points-approve-import"
export const rejectLoyaltyImportWorkflowId = "loyalty-points-reject-import"

/**
 * A second admin approves an import waiting for approval: it is applied in one
 * transaction (403 for its own creator, 409 once rejected; an applied import answers
 * itself).
 *
 * @example
 * await approveLoyaltyImportWorkflow(container).run({ input: { import_id: "lpimp_1", actor_id: "user_2" } })
 */
export const approveLoyaltyImportWorkflow = createWorkflow(
  approveLoyaltyImportWorkflowId,
  function (input: { import_id: string; actor_id: string | null }) {
    const result = applyImportStep({ import_id: input.import_id, actor_id: input.actor_id, approval: true })
    return new WorkflowResponse(result)
  }
)

/**
 * Rejects an import waiting for approval; nothing of it is ever applied.
 *
 * @example
 * await rejectLoyaltyImportWorkflow(container).run({ input: { import_id: "lpimp_1", actor_id: "user_2" } })
 */
export const rejectLoyaltyImportWorkflow = createWorkflow(
  rejectLoyaltyImportWorkflowId,
  function (input: { import_id: string; actor_id: string | null }) {
    return new WorkflowResponse(rejectImportStep(input))
  }
)
