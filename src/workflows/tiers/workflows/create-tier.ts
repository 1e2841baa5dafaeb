import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CreateLoyaltyTierInput } from "../../../types/tiers-and-rules"
import { createTierStep } from "../steps/create-tier"
import { validateTierRankStep } from "../steps/validate-tier-rank"

export const createTierWorkflowId = "loyalty-points-create-tier"

/**
 * Creates a tier of the default programme: refuses (409) a rank another tier has,
 * then creates it. The input is expected to be validated (the admin route's schema
 * bounds every field).
 *
 * @example
 * const { result: tier } = await createTierWorkflow(container).run({
 *   input: { name: "Gold", rank: 3, threshold: 5000, window_months: 12, earn_multiplier: 1.2 },
 * })
 */
export const createTierWorkflow = createWorkflow(createTierWorkflowId, (input: CreateLoyaltyTierInput) => {
  validateTierRankStep({ rank: input.rank })
  const tier = createTierStep(input)
  return new WorkflowResponse(tier)
})
