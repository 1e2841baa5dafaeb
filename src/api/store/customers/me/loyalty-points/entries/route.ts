import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_POINTS_MODULE, StoreLoyaltyEntriesResponse, type ILoyaltyPointsModuleService } from "../../../../../../types"
import { listLoyaltyEntryViews } from "../../../../../../workflows/accounts/utils/account-view"
import { StoreGetLoyaltyEntriesParams } from "../validators"

/** The logged-in customer's points history, newest first. */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, StoreGetLoyaltyEntriesParams>,
  res: MedusaResponse<StoreLoyaltyEntriesResponse>
) => {
  const { limit, offset } = req.validatedQuery
  const service = req.scope.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const account = await service.retrieveOrCreateAccount(req.auth_context.actor_id)
  const { entries, count } = await listLoyaltyEntryViews(req.scope, account.id, { limit, offset })
  res.json({ entries, count, limit, offset })
}
