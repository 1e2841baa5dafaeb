import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { GrantBirthdayBonusesWorkflowInput, GrantBirthdayBonusesWorkflowOutput, LoyaltyPointsEvents } from "../../../types"
import { grantBirthdayBonusesStep } from "../steps/grant-birthday-bonuses"
import { bonusGrantedEvents } from "../utils/bonus-granted-events"

export const grantBirthdayBonusesWorkflowId = "loyalty-points-grant-birthday-bonuses"

/**
 * The daily birthday run: every account whose birthday is `as_of` (default today, UTC;
 * and the `catch_up_days` before it, default 1, so a missed run loses no birthday) gets
 * the programme's `birthday_bonus_points` once per calendar year, and
 * `loyalty_points.bonus_granted` is emitted for each. Run twice, or twice at once, it
 * grants once.
 *
 * @example
 * const { result } = await grantBirthdayBonusesWorkflow(container).run({ input: {} })
 * // result.granted: bonuses granted by this run
 */
export const grantBirthdayBonusesWorkflow = createWorkflow(
  grantBirthdayBonusesWorkflowId,
  function (input: WorkflowData<GrantBirthdayBonusesWorkflowInput>) {
    const grants = grantBirthdayBonusesStep(input)
    const events = transform({ grants }, ({ grants }) => bonusGrantedEvents(grants))
    when("loyalty-points-birthday-bonuses-were-granted", events, (events) => events.length > 0).then(() => {
      emitEventStep({ eventName: LoyaltyPointsEvents.BONUS_GRANTED, data: events })
    })
    const result = transform({ grants }, ({ grants }): GrantBirthdayBonusesWorkflowOutput => ({
      granted: grants.length,
      points: grants.reduce((sum, grant) => sum + grant.points, 0),
      customer_ids: grants.map((grant) => grant.customer_id),
    }))
    return new WorkflowResponse(result)
  }
)
