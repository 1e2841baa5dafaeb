import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CreateLoyaltyCampaignInput, LoyaltyCampaignDTO, UpdateLoyaltyCampaignInput } from "../../../types"
import { updateCampaignStep } from "../steps/update-campaign"
import { validateCampaignStep } from "../steps/validate-campaign"

export type UpdateCampaignWorkflowInput = { id: string; update: UpdateLoyaltyCampaignInput }

export const updateCampaignWorkflowId = "loyalty-points-update-campaign"

/**
 * Updates a campaign: 404 when it does not exist; the campaign as it will be stored
 * (stored values with the changes applied) must still be valid (400 otherwise).
 *
 * @example
 * await updateCampaignWorkflow(container).run({ input: { id: "lpcamp_123", update: { multiplier: 3 } } })
 */
export const updateCampaignWorkflow = createWorkflow(
  updateCampaignWorkflowId,
  (input: WorkflowData<UpdateCampaignWorkflowInput>) => {
    const { data: campaigns } = useQueryGraphStep({
      entity: "loyalty_campaign",
      fields: ["id", "name", "multiplier", "starts_at", "ends_at", "tier_ids", "sales_channel_ids", "rule_ids"],
      filters: { id: input.id },
      options: { throwIfKeyNotFound: true },
    })
    const merged = transform({ input, campaigns }, ({ input, campaigns }) => {
      const current = campaigns[0] as unknown as LoyaltyCampaignDTO
      return { ...current, ...input.update } as CreateLoyaltyCampaignInput
    })
    validateCampaignStep(merged)
    const campaign = updateCampaignStep(transform({ input }, ({ input }) => ({ ...input.update, id: input.id })))
    return new WorkflowResponse(campaign)
  }
)
