import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../../../types"

/** One import with its rows. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const loyalty = req.scope.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const [found] = await loyalty.listLoyaltyImports({ id: req.params.id }, { take: 1 })
  if (!found) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Loyalty points import ${req.params.id} was not found`)
  }
  res.json({ import: found })
}
