import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService, type LoyaltyReconciliationRunDTO } from "../../../../../types"
import { AdminListReconciliationRunsParams } from "./validators"

/**
 * The stored reconciliation runs, latest first: when each ran, how many accounts it
 * checked and each variance with its recorded and expected figures.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminListReconciliationRunsParams>,
  res: MedusaResponse<{ reconciliation_runs: LoyaltyReconciliationRunDTO[]; count: number; limit: number; offset: number }>
) => {
  const { limit, offset } = req.validatedQuery as AdminListReconciliationRunsParams
  const loyalty = req.scope.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const [runs, count] = await loyalty.listReconciliationRuns({ limit, offset })
  res.json({
    reconciliation_runs: runs.map(({ id, started_at, finished_at, accounts_checked, variance_count, variances }) => ({
      id,
      started_at,
      finished_at,
      accounts_checked,
      variance_count,
      variances,
    })) as LoyaltyReconciliationRunDTO[],
    count,
    limit,
    offset,
  })
}
