import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { ILoyaltyPointsModuleService } from "../../../../../types"
import { LOYALTY_POINTS_MODULE } from "../../../../../types/module"

/**
 * An order's points: earnable, pending, earned, redeemed, given back, clawed back,
 * written off and voided, with every entry (the `earn_pending` one carries the per-line
 * breakdown; an order edit's entry the recomputed one) and why nothing was earned when
 * nothing was. Each entry says what caused it (`cause`): the order, a payment, a refund,
 * the cancellation or an order edit.
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
  const loyalty = req.scope.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const [summary, entries] = await Promise.all([
    loyalty.summarizeOrderPoints(order.id),
    loyalty.listLoyaltyEntries({ order_id: order.id }, { order: { created_at: "ASC", id: "ASC" } }),
  ])
  const pendingEntry = entries.find((entry) => entry.type === "earn_pending")
  const placedBreakdown = (pendingEntry?.metadata ?? null) as Record<string, unknown> | null
  // After an order edit, the breakdown of the last recomputation is the order's.
  const revision = [...entries].reverse().find((entry) => entry.reason === "order_edited")
  const breakdown = ((revision?.metadata as Record<string, unknown> | null)?.lines
    ? revision!.metadata
    : placedBreakdown) as Record<string, unknown> | null
  const reason = !order.customer_id || !order.customer?.has_account ? "guest" : (breakdown?.reason ?? null)
  res.json({
    loyalty_points: {
      order_id: order.id,
      currency_code: order.currency_code,
      ...summary,
      reason,
      capped_from: placedBreakdown?.capped_from ?? null,
      breakdown,
      entries: entries.map((entry) => ({ ...entry, cause: entryCause(entry) })),
    },
  })
}

/**
 * Why an entry was written: the cause a refund or cancellation recorded, an order
 * edit, or what the entry refers to (the order placed, the payment captured, the cart).
 */
function entryCause(entry: { reason?: string | null; reference_type?: string | null; reference_id?: string | null; metadata?: unknown }) {
  const recorded = (entry.metadata as Record<string, any> | null)?.cause
  if (recorded?.type) {
    return recorded as { type: string; id: string; payment_id?: string | null }
  }
  if (entry.reason === "order_edited") {
    return { type: "order_edit", id: entry.reference_id ?? null, revision: (entry.metadata as any)?.order_edit?.revision ?? null }
  }
  return entry.reference_type ? { type: entry.reference_type, id: entry.reference_id ?? null } : null
}
