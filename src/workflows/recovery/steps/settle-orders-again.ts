import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"
import { recordOrderEarningWorkflow } from "../../earning/workflows/record-order-earning"
import { RecoveryWindow } from "./recovery-window"
import { GraphRecord } from "../../../utils/graph-record"

export const settleOrdersAgainStepId = "loyalty-points-settle-orders-again"

/**
 * Settles again the orders whose `order.placed` handler did not finish: a registered
 * customer's order always gets its `earn_pending` entry (even for 0 points), so an order
 * of the window without one, or one named by `order_ids` (a redemption without its
 * order), runs the order workflow again. That workflow is idempotent and works from the
 * order's cumulative figures: it records the order on its `redeem` entry, records the
 * pending points, earns the captured share and gives back what refunds and a
 * cancellation took, so it also settles what a failed capture or refund handler left.
 *
 * @example
 * const { settled } = settleOrdersAgainStep({ since, until, limit: 500, order_ids: [] })
 */
export const settleOrdersAgainStep = createStep(
  settleOrdersAgainStepId,
  async (input: RecoveryWindow & { order_ids: string[] }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const { data: orders } = await query.graph({
      entity: "order",
      fields: ["id", "customer.has_account"],
      filters: { created_at: { $gte: input.since, $lt: input.until } } as GraphRecord,
      pagination: { take: input.limit, order: { created_at: "DESC" } } as GraphRecord,
    })
    const registered = orders.filter((order: GraphRecord) => order.customer?.has_account).map((order: GraphRecord) => order.id as string)
    const recorded = new Set(
      registered.length
        ? (await loyalty.listLoyaltyEntries({ order_id: registered, type: "earn_pending" } as GraphRecord, { select: ["order_id"] })).map(
            (entry) => entry.order_id
          )
        : []
    )
    const todo = [...new Set([...input.order_ids, ...registered.filter((id: string) => !recorded.has(id))])]
    const settled: string[] = []
    const failed: string[] = []
    for (const orderId of todo) {
      try {
        await recordOrderEarningWorkflow(container).run({ input: { order_id: orderId } })
        settled.push(orderId)
      } catch (error) {
        failed.push(`${orderId}: ${(error as Error).message}`)
      }
    }
    return new StepResponse({ settled, failed })
  }
)
