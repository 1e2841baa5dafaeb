import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { ILoyaltyPointsModuleService } from "../types"
import { LOYALTY_POINTS_MODULE } from "../types/module"

/**
 * An order's points: earnable, pending, earned, redeemed, given back, clawed back,
 * written off and voided, with every entry (the `earn_pending` one carries the per-line
 * breakdown; an order edit's entry the recomputed one) and why nothing was earned when
 * nothing was. Each entry says what caused it (`cause`): the order, a payment, a refund,
 * the cancellation or an order edit.
 *
 * @example
 * res.json({ loyalty_points: await retrieveOrderLoyaltyView(req.scope, req.params.id) })
 */
export async function retrieveOrderLoyaltyView(container: MedusaContainer, orderId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "customer_id", "currency_code", "customer.has_account"],
    filters: { id: orderId },
  })
  const order = data[0]
  if (!order) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order with id: ${orderId} was not found`)
  }
  const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
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
  return {
    order_id: order.id,
    currency_code: order.currency_code,
    ...summary,
    reason,
    capped_from: placedBreakdown?.capped_from ?? null,
    breakdown,
    entries: entries.map((entry) => ({ ...withoutRunningTotals(entry), cause: entryCause(entry) })),
  }
}

/** An entry without the running totals the ledger keeps on it for reads (not part of the view). */
function withoutRunningTotals<T extends object>(entry: T) {
  const {
    tier_points_total: _points,
    tier_amount_total: _amount,
    raw_tier_amount_total: _raw,
    ...view
  } = entry as T & Record<"tier_points_total" | "tier_amount_total" | "raw_tier_amount_total", unknown>
  return view
}

/**
 * Why an entry was written: the cause a refund or cancellation recorded, an order
 * edit, or what the entry refers to (the order placed, the payment captured, the cart).
 */
function entryCause(entry: { reason?: string | null; reference_type?: string | null; reference_id?: string | null; metadata?: unknown }) {
  const metadata = (entry.metadata ?? null) as {
    cause?: { type?: string; id: string; payment_id?: string | null }
    order_edit?: { revision?: unknown }
  } | null
  const recorded = metadata?.cause
  if (recorded?.type) {
    return recorded as { type: string; id: string; payment_id?: string | null }
  }
  if (entry.reason === "order_edited") {
    return { type: "order_edit", id: entry.reference_id ?? null, revision: metadata?.order_edit?.revision ?? null }
  }
  return entry.reference_type ? { type: entry.reference_type, id: entry.reference_id ?? null } : null
}
