import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { UpdateLoyaltyTierInput } from "../../../types/tiers-and-rules"
import { updateTierStep } from "../steps/update-tier"
import { validateTierRankStep } from "../steps/validate-tier-rank"

export type UpdateTierWorkflowInput = {
  id: string
  update: UpdateLoyaltyTierInput
}

export const updateTierWorkflowId = "loyalty-points-update-tier"

/**
 * Updates a tier: 404 when it does not exist, 409 when the new rank belongs to
 * another tier; only the given fields change.
 *
 * @example
 * const { result: tier } = await updateTierWorkflow(container).run({
 *   input: { id: "lptier_123", update: { earn_multiplier: 1.25, description: "Free shipping" } },
 * })
 */
export const updateTierWorkflow = createWorkflow(updateTierWorkflowId, (input: UpdateTierWorkflowInput) => {
  useQueryGraphStep({
    entity: "loyalty_tier",
    fields: ["id"],
    filters: { id: input.id },
    options: { throwIfKeyNotFound: true },
  })

  when({ input }, ({ input }) => input.update.rank !== undefined).then(() => {
    validateTierRankStep(
      transform({ input }, ({ input }) => ({ rank: input.update.rank as number, tier_id: input.id }))
    )
  })

  const tier = updateTierStep(transform({ input }, ({ input }) => ({ ...input.update, id: input.id })))
  return new WorkflowResponse(tier)
})
