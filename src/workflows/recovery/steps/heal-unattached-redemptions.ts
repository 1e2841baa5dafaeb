import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"
import { RecoveryWindow } from "./recovery-window"
import { GraphRecord } from "../../../utils/graph-record"

export const healUnattachedRedemptionsStepId = "loyalty-points-heal-unattached-redemptions"

/**
 * Finds `redeem` entries written by a completion (a converted hold) that have no order
 * after the grace period. When the cart did become an order (its `order.placed` handler
 * failed), the order is returned to be settled again. When it never did (the process
 * died between the completion guard and the order), the points go back to the shopper
 * and the hold is released, under the cart's lock (the key Medusa's completion holds),
 * after checking again that no order exists. Safe twice and concurrently: giving back
 * and releasing are idempotent under the hold's row lock.
 *
 * @example
 * const { returned, orders_to_settle } = healUnattachedRedemptionsStep({ since, until, limit: 200 })
 */
export const healUnattachedRedemptionsStep = createStep(
  healUnattachedRedemptionsStepId,
  async (input: RecoveryWindow, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const holds = await loyalty.listLoyaltyHolds(
      { status: "converted", updated_at: { $gte: input.since, $lt: input.until } } as GraphRecord,
      { take: input.limit, order: { updated_at: "ASC" } }
    )
    const entryIds = holds.map((hold: GraphRecord) => hold.entry_id).filter(Boolean)
    if (!entryIds.length) {
      return new StepResponse({ returned: [] as string[], orders_to_settle: [] as string[], failed: [] as string[] })
    }
    const unattached = new Set(
      (await loyalty.listLoyaltyEntries({ id: entryIds, order_id: null } as GraphRecord, { select: ["id"] })).map((e) => e.id)
    )
    const orphans = holds.filter((hold: GraphRecord) => unattached.has(hold.entry_id))
    const orderOf = async (cartIds: string[]) => {
      if (!cartIds.length) {
        return new Map<string, string>()
      }
      const { data } = await query.graph({ entity: "order_cart", fields: ["cart_id", "order_id"], filters: { cart_id: cartIds } })
      return new Map<string, string>(data.map((link: GraphRecord) => [link.cart_id, link.order_id]))
    }
    const orders = await orderOf(orphans.map((hold: GraphRecord) => hold.cart_id))
    const returned: string[] = []
    const ordersToSettle = new Set<string>()
    const failed: string[] = []
    const locking = container.resolve(Modules.LOCKING)
    for (const hold of orphans as GraphRecord[]) {
      const orderId = orders.get(hold.cart_id)
      if (orderId) {
        ordersToSettle.add(orderId)
        continue
      }
      try {
        await locking.execute(
          hold.cart_id,
          async () => {
            const late = (await orderOf([hold.cart_id])).get(hold.cart_id)
            if (late) {
              ordersToSettle.add(late)
              return
            }
            const undone = await loyalty.undoHoldConversion(hold.id)
            if (undone.replayed) {
              return // another run gave them back first
            }
            await loyalty.releaseHold({ hold_id: hold.id })
            returned.push(hold.entry_id)
          },
          { timeout: 30 }
        )
      } catch (error) {
        failed.push(`${hold.entry_id}: ${(error as Error).message}`)
      }
    }
    return new StepResponse({ returned, orders_to_settle: [...ordersToSettle], failed })
  }
)
