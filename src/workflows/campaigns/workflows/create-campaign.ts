import { createWorkflow, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CreateLoyaltyCampaignInput } from "../../../types"
import { createCampaignStep } from "../steps/create-campaign"
import { validateCampaignStep } from "../steps/validate-campaign"

export const createCampaignWorkflowId = "loyalty-points-create-campaign"

/**
 * Creates a dated campaign: orders placed while it runs earn `multiplier` times the
 * points (the strongest of overlapping campaigns per line). 400 when it ends before it
 * starts or names an unknown tier, sales channel or earning rule.
 *
 * @example
 * const { result: campaign } = await createCampaignWorkflow(container).run({
 *   input: { name: "Double weekend", multiplier: 2, starts_at: "2026-12-05T00:00:00Z", ends_at: "2026-12-07T00:00:00Z" },
 * })
 */
export const createCampaignWorkflow = createWorkflow(
  createCampaignWorkflowId,
  (input: WorkflowData<CreateLoyaltyCampaignInput>) => {
    validateCampaignStep(input)
    return new WorkflowResponse(createCampaignStep(input))
  }
)
