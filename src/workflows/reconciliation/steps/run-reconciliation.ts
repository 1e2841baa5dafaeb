import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService, type RunReconciliationInput } from "../../../types"

export const runReconciliationStepId = "loyalty-points-run-reconciliation"

/**
 * Runs the reconcile check over every account in batches and stores the run. A
 * variance is logged as an error (with the first few, so the log says where to look).
 * Nothing to undo: the run is a record of what was found.
 *
 * @example
 * const run = runReconciliationStep({})
 */
export const runReconciliationStep = createStep(
  runReconciliationStepId,
  async (input: RunReconciliationInput, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const run = await loyalty.runReconciliation({ batch_size: input.batch_size ?? loyalty.getOptions().nightly.batch_size })
    if (run.variance_count > 0) {
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .error(
          `loyalty-points: reconciliation run ${run.id} found ${run.variance_count} variance(s) over ${run.accounts_checked} accounts, e.g. ${JSON.stringify(run.variances.slice(0, 5))}`
        )
    }
    return new StepResponse(run)
  }
)
