import { createWorkflow, transform, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { SetLoyaltyBirthdayWorkflowInput } from "../../../types"
import { retrieveOrCreateLoyaltyAccountStep } from "../../accounts/steps/retrieve-or-create-account"
import { setAccountBirthdayStep } from "../steps/set-account-birthday"

export const setLoyaltyBirthdayWorkflowId = "loyalty-points-set-birthday"

/**
 * Records the customer's birthday on their loyalty account (created when missing). A
 * customer sets it once: a second, different date is refused (409) and changes nothing;
 * the same date again is a harmless repeat. Admins (`overwrite`) change or clear it.
 *
 * @example
 * await setLoyaltyBirthdayWorkflow(container).run({ input: { customer_id: "cus_123", birthday: "1990-05-17" } })
 */
export const setLoyaltyBirthdayWorkflow = createWorkflow(
  setLoyaltyBirthdayWorkflowId,
  function (input: WorkflowData<SetLoyaltyBirthdayWorkflowInput>) {
    const account = retrieveOrCreateLoyaltyAccountStep({ customer_id: input.customer_id })
    const change = transform({ account, input }, ({ account, input }) => ({
      account_id: account.id,
      birthday: input.birthday,
      overwrite: input.overwrite ?? false,
    }))
    return new WorkflowResponse(setAccountBirthdayStep(change))
  }
)
