import { createWorkflow, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { releaseStaleHoldsStep } from "../steps/release-stale-holds"

export const releaseStaleHoldsWorkflowId = "loyalty-points-release-stale-holds"

/**
 * Releases holds that outlived `holds.ttl_minutes` and takes their discounts off the
 * carts; such a cart can no longer complete with the discount. Run by a job every few
 * minutes; running it twice releases nothing the second time.
 *
 * @example
 * await releaseStaleHoldsWorkflow(container).run({ input: {} })
 */
export const releaseStaleHoldsWorkflow = createWorkflow(
  releaseStaleHoldsWorkflowId,
  (input: WorkflowData<{ now?: Date; limit?: number }>) => {
    return new WorkflowResponse(releaseStaleHoldsStep(input))
  }
)
