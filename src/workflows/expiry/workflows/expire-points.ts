import { createWorkflow, transform, when, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { LoyaltyPointsEvents } from "../../../types/module"
import { expirePointsStep, ExpirePointsStepInput } from "../steps/expire-points"
import { expiredEventData } from "../utils/event-data"

export const expireLoyaltyPointsWorkflowId = "loyalty-points-expire"

export type ExpireLoyaltyPointsWorkflowInput = ExpirePointsStepInput

/**
 * Expires the points whose date has passed, as of `as_of` (default now), and emits
 * `loyalty_points.expired` once per account that lost points, with the points, the
 * money written off and the `expire` entry. A dry run answers what would expire, per
 * account and in total, and changes and emits nothing. Safe to run twice and while
 * another run is under way: accounts are locked batch by batch, and a lot emptied by
 * one run is not expired (nor announced) by the other.
 *
 * @example
 * const { result } = await expireLoyaltyPointsWorkflow(container).run({ input: { as_of: new Date() } })
 */
export const expireLoyaltyPointsWorkflow = createWorkflow(
  expireLoyaltyPointsWorkflowId,
  (input: WorkflowData<ExpireLoyaltyPointsWorkflowInput>) => {
    const result = expirePointsStep(input)

    when("emit-expired", { result }, ({ result }) => !result.dry_run && result.per_account.length > 0).then(() => {
      emitEventStep({
        eventName: LoyaltyPointsEvents.EXPIRED,
        data: transform({ result }, ({ result }) => expiredEventData(result)),
      }).config({ name: "emit-loyalty-points-expired" })
    })

    return new WorkflowResponse(result)
  }
)
