import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { StoreLoyaltyAccountResponse } from "../../../../../types"
import { retrieveLoyaltyAccountView } from "../../../../../read-models/account-views"
import { setLoyaltyBirthdayWorkflow } from "../../../../../workflows/bonuses"
import { StoreGetLoyaltyAccountParams, StoreUpdateLoyaltyAccountParams } from "./validators"
import { answerErrors } from "../../../../utils/answer-errors"

/**
 * The logged-in customer's points: balance, available, held, pending, tier, what
 * expires when, and the programme's redemption value in `?currency_code`. A customer
 * with no activity gets an account of zeros.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, StoreGetLoyaltyAccountParams>,
  res: MedusaResponse<StoreLoyaltyAccountResponse>
) => {
  const loyalty_account = await retrieveLoyaltyAccountView(req.scope, req.auth_context.actor_id, {
    currency_code: req.validatedQuery.currency_code,
  })
  res.json({ loyalty_account })
}

/**
 * Sets the logged-in customer's birthday, once: a second, different date answers 409
 * and changes nothing (the store can correct it). Answers the account as `GET` does.
 */
export const POST = answerErrors(async function POST(
  req: AuthenticatedMedusaRequest<StoreUpdateLoyaltyAccountParams, StoreGetLoyaltyAccountParams>,
  res: MedusaResponse<StoreLoyaltyAccountResponse>
) {
  const customerId = req.auth_context.actor_id
  await setLoyaltyBirthdayWorkflow(req.scope).run({
    input: { customer_id: customerId, birthday: req.validatedBody.birthday },
  })
  const loyalty_account = await retrieveLoyaltyAccountView(req.scope, customerId, {
    currency_code: req.validatedQuery.currency_code,
  })
  res.json({ loyalty_account })
})
