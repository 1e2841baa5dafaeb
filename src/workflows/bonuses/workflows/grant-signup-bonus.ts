import { emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { bonusKeys, GrantBonusInput, GrantSignupBonusWorkflowInput, LoyaltyPointsEvents } from "../../../types"
import { retrieveOrCreateLoyaltyAccountStep } from "../../accounts/steps/retrieve-or-create-account"
import { grantBonusStep } from "../steps/grant-bonus"
import { retrieveProgramSettingsStep } from "../steps/retrieve-program-settings"
import { bonusGrantedEvents } from "../utils/bonus-granted-events"

export const grantSignupBonusWorkflowId = "loyalty-points-grant-signup-bonus"

/**
 * The signup: a registered customer (`has_account`) gets their loyalty account (so the
 * referral code they are shown can be entered by others) and the programme's
 * `signup_bonus_points` once, as a `bonus` entry with reason `signup` under the key
 * `bonus:signup:<customer id>`. Guests get nothing, and 0 points turns the bonus off.
 * Run twice, or twice at once, it grants once; only the run that granted emits
 * `loyalty_points.bonus_granted`. Answers the grant, or null when none was due.
 *
 * @example
 * await grantSignupBonusWorkflow(container).run({ input: { customer_id: "cus_123" } })
 */
export const grantSignupBonusWorkflow = createWorkflow(
  grantSignupBonusWorkflowId,
  function (input: WorkflowData<GrantSignupBonusWorkflowInput>) {
    const { data: customers } = useQueryGraphStep({
      entity: "customer",
      fields: ["id", "has_account"],
      filters: { id: input.customer_id },
    })
    const settings = retrieveProgramSettingsStep()

    const bonus = transform({ customers, settings, input }, ({ customers, settings }): GrantBonusInput | null => {
      const customer = customers[0] as { id: string; has_account?: boolean } | undefined
      if (!customer?.has_account || settings.signup_bonus_points <= 0) {
        return null
      }
      return {
        customer_id: customer.id,
        reason: "signup",
        points: settings.signup_bonus_points,
        idempotency_key: bonusKeys.signup(customer.id),
        reference_type: "customer",
        reference_id: customer.id,
      }
    })

    // Every registered customer gets their account (and so a referral code that others
    // can enter) at signup, bonus or not.
    when("loyalty-points-signup-is-registered", customers, (customers) => !!customers[0]?.has_account).then(() => {
      retrieveOrCreateLoyaltyAccountStep({ customer_id: input.customer_id })
    })

    const granted = when("loyalty-points-signup-bonus-is-due", bonus, (bonus) => !!bonus).then(() =>
      grantBonusStep(bonus as GrantBonusInput)
    )

    const events = transform({ granted }, ({ granted }) => bonusGrantedEvents([granted]))
    when("loyalty-points-signup-bonus-was-granted", events, (events) => events.length > 0).then(() => {
      emitEventStep({ eventName: LoyaltyPointsEvents.BONUS_GRANTED, data: events })
    })

    const result = transform({ granted }, ({ granted }) => granted ?? null)
    return new WorkflowResponse(result)
  }
)
