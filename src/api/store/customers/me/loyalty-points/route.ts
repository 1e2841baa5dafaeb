import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { StoreLoyaltyAccountResponse } from "../../../../../types"
import { retrieveLoyaltyAccountView } from "../../../../../read-models/account-views"
import { StoreGetLoyaltyAccountParams } from "./validators"

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
