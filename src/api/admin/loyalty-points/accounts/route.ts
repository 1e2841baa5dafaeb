import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AdminLoyaltyAccountListResponse } from "../../../../types"
import { searchLoyaltyAccounts } from "../../../../read-models/account-search"
import { AdminListLoyaltyAccountsParams } from "./validators"

/**
 * Loyalty accounts with their customer's email and name: searched by `q`, filtered by
 * `tier`, sorted by `order` (`-balance` for the biggest balances first).
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminListLoyaltyAccountsParams>,
  res: MedusaResponse<AdminLoyaltyAccountListResponse>
) => {
  const { limit, offset } = req.validatedQuery
  const { loyalty_accounts, count } = await searchLoyaltyAccounts(req.scope, req.validatedQuery)
  res.json({ loyalty_accounts, count, limit, offset })
}
