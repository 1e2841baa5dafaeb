import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { StoreLoyaltyAccountResponse } from "../../../../../../types"
import { retrieveLoyaltyAccountView } from "../../../../../../read-models/account-views"
import { recordReferralWorkflow } from "../../../../../../workflows/bonuses"
import { StoreRecordReferralParams } from "../validators"
import { answerErrors } from "../../../../../utils/answer-errors"

/**
 * Records who referred the logged-in customer, by that customer's referral code: once
 * (the same code again answers 200, another 409), never their own code and only before
 * their first order (400). Answers the account.
 */
export const POST = answerErrors(async function POST(
  req: AuthenticatedMedusaRequest<StoreRecordReferralParams>,
  res: MedusaResponse<StoreLoyaltyAccountResponse>
) {
  const customerId = req.auth_context.actor_id
  await recordReferralWorkflow(req.scope).run({ input: { customer_id: customerId, code: req.validatedBody.code } })
  const loyalty_account = await retrieveLoyaltyAccountView(req.scope, customerId)
  res.json({ loyalty_account })
})
