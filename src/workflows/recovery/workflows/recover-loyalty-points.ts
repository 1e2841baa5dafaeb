import { createWorkflow, transform, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { healUnattachedRedemptionsStep } from "../steps/heal-unattached-redemptions"
import { reconcileRedemptionsStep } from "../steps/reconcile-redemptions"
import { recoveryWindow } from "../steps/recovery-window"
import { settleOrdersAgainStep } from "../steps/settle-orders-again"

export const recoverLoyaltyPointsWorkflowId = "loyalty-points-recover"

export type RecoverLoyaltyPointsInput = {
  /** Default: now. */
  now?: Date | string
  /** How old a change must be before it counts as left behind (default 30). */
  grace_minutes?: number
  /** How far back a run looks (default 72). */
  window_hours?: number
  /** At most this many holds and orders per run (default 500). */
  limit?: number
}

/**
 * Heals what a crash or a failed event handler can leave behind, then checks the
 * redemption invariant:
 * 1. a `redeem` entry whose cart never became an order gets its points back (after the
 *    grace period), and one whose cart did become an order has that order settled;
 * 2. a registered customer's order without its `earn_pending` entry (its `order.placed`
 *    handler failed) is settled again: the order workflow is idempotent and settles
 *    captures, refunds and cancellation from the order's cumulative figures;
 * 3. "an order's points discount has its `redeem` entry; a `redeem` entry has its
 *    order" over the window (`reconciliation`).
 * Run by the `loyalty-points-recover` job every 5 minutes. Running it twice, or two at
 * once, heals once.
 *
 * @example
 * const { result } = await recoverLoyaltyPointsWorkflow(container).run({ input: {} })
 */
export const recoverLoyaltyPointsWorkflow = createWorkflow(
  recoverLoyaltyPointsWorkflowId,
  (input: WorkflowData<RecoverLoyaltyPointsInput>) => {
    const window = transform({ input }, ({ input }) => recoveryWindow(input))
    const healed = healUnattachedRedemptionsStep(window)
    const settled = settleOrdersAgainStep(
      transform({ window, healed }, ({ window, healed }) => ({ ...window, order_ids: healed.orders_to_settle }))
    )
    const reconciliation = reconcileRedemptionsStep(window)
    return new WorkflowResponse(
      transform({ healed, settled, reconciliation }, ({ healed, settled, reconciliation }) => ({
        returned_redemptions: healed.returned,
        settled_orders: settled.settled,
        failed: [...healed.failed, ...settled.failed],
        reconciliation,
      }))
    )
  }
)
