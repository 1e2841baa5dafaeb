import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import LoyaltyPointsModuleService from "../../../../../modules/loyalty-points/service"
import { LOYALTY_POINTS_MODULE } from "../../../../../types/module"

/**
 * An order's points: earnable, pending, earned, redeemed, given back, clawed back and
 * voided, with every entry (the `earn_pending` one carries the per-line breakdown) and
 * why nothing was earned when nothing was.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "customer_id", "currency_code", "customer.has_account"],
    filters: { id: req.params.id },
  })
  const order = data[0]
  if (!order) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order with id: ${req.params.id} was not found`)
  }
  const loyalty = req.scope.resolve<LoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const [summary, entries] = await Promise.all([
    loyalty.summarizeOrderPoints(order.id),
    loyalty.listLoyaltyEntries({ order_id: order.id }, { order: { created_at: "ASC", id: "ASC" } }),
  ])
  const pendingEntry = entries.find((entry) => entry.type === "earn_pending")
  const breakdown = (pendingEntry?.metadata ?? null) as Record<string, unknown> | null
  const reason = !order.customer_id || !order.customer?.has_account ? "guest" : (breakdown?.reason ?? null)
  res.json({
    loyalty_points: {
      order_id: order.id,
      currency_code: order.currency_code,
      ...summary,
      reason,
      capped_from: breakdown?.capped_from ?? null,
      breakdown,
      entries,
    },
  })
}
