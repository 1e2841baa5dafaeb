import { createWorkflow, transform, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { RecordReferralWorkflowInput } from "../../../types"
import { retrieveOrCreateLoyaltyAccountStep } from "../../accounts/steps/retrieve-or-create-account"
import { recordReferralStep } from "../steps/record-referral"

export const recordReferralWorkflowId = "loyalty-points-record-referral"

/**
 * A customer names who referred them by that customer's referral code. Recorded once (the
 * same code again is a harmless repeat, another code a 409), never their own code (400),
 * only before their first order (400). The bonuses follow when their first order is
 * captured (`settleReferralBonusesWorkflow`).
 *
 * @example
 * await recordReferralWorkflow(container).run({ input: { customer_id: "cus_referee", code: "K7QX2MPR9T" } })
 */
export const recordReferralWorkflow = createWorkflow(
  recordReferralWorkflowId,
  function (input: WorkflowData<RecordReferralWorkflowInput>) {
    const account = retrieveOrCreateLoyaltyAccountStep({ customer_id: input.customer_id })
    const referral = recordReferralStep(
      transform({ account, input }, ({ account, input }) => ({
        account_id: account.id,
        customer_id: input.customer_id,
        code: input.code,
      }))
    )
    return new WorkflowResponse(referral)
  }
)
