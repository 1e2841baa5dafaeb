import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteCampaignStep } from "../steps/delete-campaign"

export const deleteCampaignWorkflowId = "loyalty-points-delete-campaign"

/**
 * Deletes a campaign (404 when unknown); orders already placed keep the points and the
 * campaign recorded in their breakdown.
 *
 * @example
 * await deleteCampaignWorkflow(container).run({ input: { id: "lpcamp_123" } })
 */
export const deleteCampaignWorkflow = createWorkflow(
  deleteCampaignWorkflowId,
  (input: WorkflowData<{ id: string }>) => {
    useQueryGraphStep({
      entity: "loyalty_campaign",
      fields: ["id"],
      filters: { id: input.id },
      options: { throwIfKeyNotFound: true },
    })
    deleteCampaignStep(input.id)
    return new WorkflowResponse(void 0)
  }
)
