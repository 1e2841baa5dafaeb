import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AdminLoyaltyAccountResponse } from "../../../../../types"
import { listLoyaltyEntryViews, retrieveLoyaltyAccountView } from "../../../../../read-models/account-views"
import { AdminGetCustomerLoyaltyPointsParams } from "./validators"

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
