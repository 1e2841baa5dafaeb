import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AdminLoyaltyAccountResponse } from "../../../../../types"
import {
  listLoyaltyEntryViews,
  retrieveCustomerOrThrow,
  retrieveLoyaltyAccountView,
} from "../../../../../read-models/account-views"
import { setLoyaltyBirthdayWorkflow } from "../../../../../workflows/bonuses"
import { AdminGetCustomerLoyaltyPointsParams, AdminUpdateCustomerLoyaltyPoints } from "./validators"
import { answerErrors } from "../../../../utils/answer-errors"

/**
 * The customer's account (as the store route shows it, plus the customer) and the
 * latest page of its history. 404 for an unknown customer; a customer with no activity
 * gets an account of zeros (nothing is created).
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetCustomerLoyaltyPointsParams>,
  res: MedusaResponse<AdminLoyaltyAccountResponse>
) => {
  const { currency_code, limit, offset } = req.validatedQuery
  const loyalty_account = await retrieveLoyaltyAccountView(req.scope, req.params.id, {
    currency_code,
    with_customer: true,
  })
  const { entries, count } = await listLoyaltyEntryViews(req.scope, loyalty_account.id, { limit, offset })
  res.json({ loyalty_account, entries, count, limit, offset })
}

/**
 * Sets, corrects or clears (`null`) the customer's birthday, whatever was set before.
 * 404 for an unknown customer. Answers as `GET` does.
 */
export const POST = answerErrors(async function POST(
  req: AuthenticatedMedusaRequest<AdminUpdateCustomerLoyaltyPoints, AdminGetCustomerLoyaltyPointsParams>,
  res: MedusaResponse<AdminLoyaltyAccountResponse>
) {
  const customerId = req.params.id
  const { currency_code, limit, offset } = req.validatedQuery
  await retrieveCustomerOrThrow(req.scope, customerId)
  await setLoyaltyBirthdayWorkflow(req.scope).run({
    input: { customer_id: customerId, birthday: req.validatedBody.birthday, overwrite: true },
  })
  const loyalty_account = await retrieveLoyaltyAccountView(req.scope, customerId, {
    currency_code,
    with_customer: true,
  })
  const { entries, count } = await listLoyaltyEntryViews(req.scope, loyalty_account.id, { limit, offset })
  res.json({ loyalty_account, entries, count, limit, offset })
})
