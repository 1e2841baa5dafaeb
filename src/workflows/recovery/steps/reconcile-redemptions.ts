import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"
import { isLoyaltyCode } from "../../redemption/utils/loyalty-promotion"
import { pointsDiscountOf } from "../../redemption/utils/points-limits"
import { RecoveryWindow } from "./recovery-window"
import { GraphRecord } from "../../../utils/graph-record"
import { roundMoney } from "../../../utils/money"

export const reconcileRedemptionsStepId = "loyalty-points-reconcile-redemptions"

export type RedemptionReconciliation = {
  /** Orders with a points discount and no `redeem` entry. */
  orders_without_redeem: string[]
  /** Orders whose points discount differs from the money value of their `redeem` entries. */
  mismatched: { order_id: string; discount: number; redeemed_value: number }[]
  /** `redeem` entries of a completion (converted hold) with no order after the grace period. */
  redeems_without_order: string[]
}

/**
 * The redemption invariant, over the window: an order's points discount has its
 * `redeem` entry (of the same money value), and a `redeem` entry has its order. The
 * ledger's own reconcile (`reconcile()`) checks each account's figures against its
 * entries; this checks the entries against the orders, which live in another module.
 * Read-only.
 *
 * @example
 * const report = reconcileRedemptionsStep({ since, until, limit: 500 })
 */
export const reconcileRedemptionsStep = createStep(
  reconcileRedemptionsStepId,
  async (input: RecoveryWindow, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const { data: orders } = await query.graph({
      entity: "order",
      fields: ["id", "currency_code", "promotions.code"],
      filters: { created_at: { $gte: input.since, $lt: input.until } } as GraphRecord,
      pagination: { take: input.limit, order: { created_at: "DESC" } } as GraphRecord,
    })
    const withPoints = orders
      .filter((order: GraphRecord) => (order.promotions ?? []).some((p: GraphRecord) => p && isLoyaltyCode(p.code)))
      .map((order: GraphRecord) => order.id as string)
    const report: RedemptionReconciliation = { orders_without_redeem: [], mismatched: [], redeems_without_order: [] }
    if (withPoints.length) {
      const [{ data: detailed }, redeems] = await Promise.all([
        query.graph({ entity: "order", fields: ["id", "currency_code", "items.adjustments.code", "items.adjustments.amount"], filters: { id: withPoints } }),
        loyalty.listLoyaltyEntries({ order_id: withPoints, type: "redeem" } as GraphRecord),
      ])
      for (const order of detailed as GraphRecord[]) {
        const discount = pointsDiscountOf(order)
        const mine = redeems.filter((entry) => entry.order_id === order.id)
        if (discount > 0 && !mine.length) {
          report.orders_without_redeem.push(order.id)
          continue
        }
        // Both sides in the order's currency precision: the discount is rounded to it.
        const value = roundMoney(MathBN.sum(0, ...mine.map((entry) => entry.money_amount ?? 0)), order.currency_code)
        if (mine.length && value !== discount) {
          report.mismatched.push({ order_id: order.id, discount, redeemed_value: value })
        }
      }
    }
    const holds = await loyalty.listLoyaltyHolds(
      { status: "converted", updated_at: { $gte: input.since, $lt: input.until } } as GraphRecord,
      { take: input.limit }
    )
    const entryIds = holds.map((hold: GraphRecord) => hold.entry_id).filter(Boolean)
    if (entryIds.length) {
      report.redeems_without_order = (
        await loyalty.listLoyaltyEntries({ id: entryIds, order_id: null } as GraphRecord, { select: ["id"] })
      ).map((entry) => entry.id)
    }
    return new StepResponse(report)
  }
)
