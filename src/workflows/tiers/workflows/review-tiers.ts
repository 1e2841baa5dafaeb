import { createWorkflow, transform, when, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import type { ReviewTiersInput } from "../../../types"
import { LoyaltyPointsEvents } from "../../../types/module"
import { reviewTiersStep } from "../steps/review-tiers"

export const reviewTiersWorkflowId = "loyalty-points-review-tiers"

/**
 * The nightly tier review, as of `as_of` (default now): an account below its tier's
 * threshold over the tier's rolling window for longer than the programme's
 * `tier_retention_days` moves down to the highest tier it still qualifies for (or
 * none), and `loyalty_points.tier_changed` is emitted for it with `reason: "review"`.
 *
 * @example
 * const { result } = await reviewTiersWorkflow(container).run({ input: { as_of: new Date() } })
 */
export const reviewTiersWorkflow = createWorkflow(reviewTiersWorkflowId, (input: WorkflowData<ReviewTiersInput>) => {
  const result = reviewTiersStep(input)

  when("emit-tier-dropped", { result }, ({ result }) => result.dropped.length > 0).then(() => {
    emitEventStep({
      eventName: LoyaltyPointsEvents.TIER_CHANGED,
      data: transform({ result }, ({ result }) =>
        result.dropped.map((drop) => ({
          account_id: drop.account_id,
          customer_id: drop.customer_id,
          previous_tier_id: drop.previous_tier_id,
          tier_id: drop.tier_id,
          reason: "review",
        }))
      ),
    }).config({ name: "emit-loyalty-points-tier-dropped" })
  })

  return new WorkflowResponse(result)
})
