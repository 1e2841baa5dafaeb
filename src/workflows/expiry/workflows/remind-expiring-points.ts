import { createWorkflow, transform, when, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import type { RemindExpiringPointsInput } from "../../../types"
import { LoyaltyPointsEvents } from "../../../types/module"
import { remindExpiringPointsStep } from "../steps/remind-expiring-points"
import { expiringEventData } from "../utils/event-data"

export const remindExpiringPointsWorkflowId = "loyalty-points-remind-expiring"

/**
 * Emits `loyalty_points.expiring` for each lot whose date falls within the programme's
 * reminder window (`expiry.reminder_days`, default 30) after `as_of`, with its points
 * and date: once per lot and date, however often and however concurrently it runs.
 *
 * @example
 * const { result } = await remindExpiringPointsWorkflow(container).run({ input: { as_of: new Date() } })
 */
export const remindExpiringPointsWorkflow = createWorkflow(
  remindExpiringPointsWorkflowId,
  (input: WorkflowData<RemindExpiringPointsInput>) => {
    const result = remindExpiringPointsStep(input)

    when("emit-expiring", { result }, ({ result }) => result.reminders.length > 0).then(() => {
      emitEventStep({
        eventName: LoyaltyPointsEvents.EXPIRING,
        data: transform({ result }, ({ result }) => expiringEventData(result.reminders)),
      }).config({ name: "emit-loyalty-points-expiring" })
    })

    return new WorkflowResponse(result)
  }
)
