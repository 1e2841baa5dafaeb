import { createWorkflow, transform, when, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import type { RunReconciliationInput } from "../../../types"
import { LoyaltyPointsEvents } from "../../../types/module"
import { runReconciliationStep } from "../steps/run-reconciliation"

export const runReconciliationWorkflowId = "loyalty-points-run-reconciliation"

/**
 * Checks every account's kept figures against its ledger (in batches), stores the run
 * (`GET /admin/loyalty-points/reports/reconciliation`), and when anything does not
 * add up logs an error and emits `loyalty_points.reconciliation_failed` with the run.
 *
 * @example
 * const { result: run } = await runReconciliationWorkflow(container).run({ input: {} })
 */
export const runReconciliationWorkflow = createWorkflow(
  runReconciliationWorkflowId,
  (input: WorkflowData<RunReconciliationInput>) => {
    const run = runReconciliationStep(input)

    when("emit-reconciliation-failed", { run }, ({ run }) => run.variance_count > 0).then(() => {
      emitEventStep({
        eventName: LoyaltyPointsEvents.RECONCILIATION_FAILED,
        data: transform({ run }, ({ run }) => ({
          id: run.id,
          started_at: run.started_at,
          accounts_checked: run.accounts_checked,
          variance_count: run.variance_count,
          variances: run.variances.slice(0, 100),
        })),
      }).config({ name: "emit-loyalty-points-reconciliation-failed" })
    })

    return new WorkflowResponse(run)
  }
)
