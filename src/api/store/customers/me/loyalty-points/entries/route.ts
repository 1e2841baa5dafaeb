import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_POINTS_MODULE, StoreLoyaltyEntriesResponse, type ILoyaltyPointsModuleService } from "../../../../../../types"
import { listLoyaltyEntryViews, toStoreLoyaltyEntryView } from "../../../../../../read-models/account-views"
import { StoreGetLoyaltyEntriesParams } from "../validators"

/**
 * The logged-in customer's points history, newest first, in the shopper's shape:
 * `id, type, points, money_amount, currency_code, reason, order_id, created_at` and a
 * `description`. Staff data stays in the admin routes. A read: creates no account.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, StoreGetLoyaltyEntriesParams>,
  res: MedusaResponse<StoreLoyaltyEntriesResponse>
) => {
  const { limit, offset } = req.validatedQuery
  const service = req.scope.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const account = await service.retrieveCustomerAccount(req.auth_context.actor_id)
  const { entries, count } = await listLoyaltyEntryViews(req.scope, account.id, { limit, offset })
  res.json({ entries: entries.map(toStoreLoyaltyEntryView), count, limit, offset })
}
