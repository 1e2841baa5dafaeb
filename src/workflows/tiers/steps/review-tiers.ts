import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService, type ReviewTiersInput } from "../../../types"

export const reviewTiersStepId = "loyalty-points-review-tiers"

/**
 * Moves down the accounts that stayed below their tier's threshold for the programme's
 * `tier_retention_days`, and marks those newly below. Nothing to undo: the review is
 * recomputed from the ledger each night, and the same review twice changes nothing.
 *
 * @example
 * const { dropped } = reviewTiersStep({ as_of: new Date() })
 */
export const reviewTiersStep = createStep(reviewTiersStepId, async (input: ReviewTiersInput, { container }) => {
  const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const result = await loyalty.reviewTiers({
    as_of: input.as_of,
    batch_size: input.batch_size ?? loyalty.getOptions().nightly.batch_size,
  })
  return new StepResponse(result)
})
