import { isLoyaltyCode } from "../../redemption/utils/loyalty-promotion"
import { EarnableLine, EarnableShipping } from "./compute-earnable-points"
import { GraphRecord } from "../../../utils/graph-record"

/** An order (or cart) reduced to what earning needs. */
export type OrderForEarning = {
  id: string
  currency_code: string
  customer_id: string | null
  /** Registered customers earn; guests do not. */
  has_account: boolean
  created_at: string | Date
  /** Campaigns may be limited to sales channels. */
  sales_channel_id?: string | null
  lines: EarnableLine[]
  shipping: EarnableShipping
  /** Money captured so far and money the order has to pay, major units. */
  captured_amount: number
  payable_amount: number
  /** Money refunded on the order's payments so far, major units. */
  refunded_amount: number
  /** The order's refunds, oldest first. */
  refund_ids: string[]
  /** The order was canceled. */
  canceled: boolean
  /** Goes up with every confirmed order change (edits, returns, claims, exchanges). */
  version: number | null
  /** What the points discount took off the total, tax included, as allocated to the lines. */
  points_discount_amount: number
  /** The points discount of the lines received back in returns, tax included. */
  returned_points_discount_amount: number
  /** What was paid for the lines received back in returns. */
  returned_paid_amount: number
}

/** The query.graph fields `toOrderForEarning` reads, for orders and carts alike. */
export const EARNING_LINE_FIELDS = [
  // Medusa computes line and shipping totals only when a total of the whole is asked for.
  "total",
  "items.id",
  "items.variant_id",
  "items.product_id",
  "items.is_giftcard",
  "items.total",
  "items.tax_total",
  "items.variant.product.collection_id",
  "items.variant.product.type_id",
  "items.variant.product.categories.id",
  "shipping_methods.id",
  "shipping_methods.total",
  "shipping_methods.tax_total",
]

export const ORDER_FOR_EARNING_FIELDS = [
  "id",
  "status",
  "version",
  "currency_code",
  "customer_id",
  "created_at",
  "sales_channel_id",
  "customer.has_account",
  ...EARNING_LINE_FIELDS,
  "items.quantity",
  "items.unit_price",
  "items.is_tax_inclusive",
  "items.tax_lines.rate",
  "items.adjustments.amount",
  "items.adjustments.code",
  "items.adjustments.is_tax_inclusive",
  "items.detail.return_received_quantity",
  "payment_collections.id",
  "payment_collections.payments.id",
  "payment_collections.payments.amount",
  "payment_collections.payments.canceled_at",
  "payment_collections.payments.captures.amount",
  "payment_collections.payments.refunds.id",
  "payment_collections.payments.refunds.amount",
  "payment_collections.payments.refunds.created_at",
]

/** Medusa returns money as numbers or BigNumber-like objects depending on the path. */
export function toAmount(value: unknown): number {
  if (value === null || value === undefined) {
    return 0
  }
  if (typeof value === "number") {
    return value
  }
  if (typeof value === "string") {
    return Number(value)
  }
  const candidate = value as { numeric?: number; value?: string; toNumber?: () => number }
  if (typeof candidate.numeric === "number") {
    return candidate.numeric
  }
  if (typeof candidate.toNumber === "function") {
    return candidate.toNumber()
  }
  return Number(candidate.value ?? 0)
}

/**
 * Each line's amount after every discount, with and without tax: `total` is what the
 * shopper pays for the line (promotions, the points discount included) and `tax_total`
 * its tax, whether prices are tax-inclusive or not.
 */
export function toEarnableLines(record: GraphRecord): { lines: EarnableLine[]; shipping: EarnableShipping } {
  const lines: EarnableLine[] = (record.items ?? []).filter(Boolean).map((item: GraphRecord) => {
    const total = toAmount(item.total)
    const tax = toAmount(item.tax_total)
    const product = item.variant?.product ?? null
    return {
      id: item.id,
      amount_excluding_tax: total - tax,
      amount_including_tax: total,
      product_id: item.product_id ?? null,
      collection_id: product?.collection_id ?? null,
      type_id: product?.type_id ?? null,
      category_ids: (product?.categories ?? []).map((category: { id: string }) => category.id),
      is_giftcard: Boolean(item.is_giftcard),
    }
  })
  const shipping = (record.shipping_methods ?? []).filter(Boolean).reduce(
    (sum: EarnableShipping, method: GraphRecord) => {
      const total = toAmount(method.total)
      const tax = toAmount(method.tax_total)
      return {
        amount_excluding_tax: sum.amount_excluding_tax + total - tax,
        amount_including_tax: sum.amount_including_tax + total,
      }
    },
    { amount_excluding_tax: 0, amount_including_tax: 0 }
  )
  return { lines, shipping }
}

/**
 * The points discount on an order's lines (tax included), and the points discount and
 * paid amount of the lines received back in returns, in proportion to the quantity
 * received. The points discount's adjustments carry the plugin's code.
 */
export function toPointsDiscountShares(order: GraphRecord) {
  let discount = 0
  let returnedDiscount = 0
  let returnedPaid = 0
  for (const item of (order.items ?? []).filter(Boolean)) {
    // From what the order stored at placement (unit price, adjustments, tax rates), not
    // from the line's totals: once items come back, Medusa's totals cover only the rest.
    const rate = ((item.tax_lines ?? []) as GraphRecord[]).reduce((sum, line) => sum + toAmount(line?.rate), 0) / 100
    const withTax = (amount: number, inclusive: boolean | null | undefined) => (inclusive ? amount : amount * (1 + rate))
    const lineInclusive = Boolean(item.is_tax_inclusive)
    const adjustments: GraphRecord[] = (item.adjustments ?? []).filter(Boolean)
    const adjusted = (list: GraphRecord[]) =>
      list.reduce((sum, adjustment) => sum + withTax(toAmount(adjustment.amount), adjustment.is_tax_inclusive ?? lineInclusive), 0)
    const lineDiscount = adjusted(adjustments.filter((adjustment) => isLoyaltyCode(adjustment.code)))
    const quantity = toAmount(item.quantity ?? item.detail?.quantity)
    const linePaid = Math.max(withTax(toAmount(item.unit_price) * quantity, lineInclusive) - adjusted(adjustments), 0)
    const returned = Math.min(toAmount(item.detail?.return_received_quantity), quantity)
    const share = quantity > 0 ? returned / quantity : 0
    discount += lineDiscount
    returnedDiscount += lineDiscount * share
    returnedPaid += linePaid * share
  }
  return {
    points_discount_amount: discount,
    returned_points_discount_amount: returnedDiscount,
    returned_paid_amount: returnedPaid,
  }
}

export function toOrderForEarning(order: GraphRecord): OrderForEarning {
  const payments = (order.payment_collections ?? []).flatMap(
    (collection: GraphRecord) => collection?.payments ?? []
  )
  const live = payments.filter((payment: GraphRecord) => !payment.canceled_at)
  const refunds = payments
    .flatMap((payment: GraphRecord) => (payment.refunds ?? []).filter(Boolean))
    .sort((a: GraphRecord, b: GraphRecord) => {
      const byDate = new Date(a.created_at ?? 0).getTime() - new Date(b.created_at ?? 0).getTime()
      return byDate || String(a.id).localeCompare(String(b.id))
    })
  return {
    id: order.id,
    currency_code: order.currency_code,
    customer_id: order.customer_id ?? null,
    has_account: Boolean(order.customer_id && order.customer?.has_account),
    created_at: order.created_at,
    sales_channel_id: order.sales_channel_id ?? null,
    ...toEarnableLines(order),
    captured_amount: payments.reduce(
      (sum: number, payment: GraphRecord) =>
        sum + (payment.captures ?? []).reduce((s: number, capture: GraphRecord) => s + toAmount(capture.amount), 0),
      0
    ),
    payable_amount: live.reduce((sum: number, payment: GraphRecord) => sum + toAmount(payment.amount), 0),
    refunded_amount: refunds.reduce((sum: number, refund: GraphRecord) => sum + toAmount(refund.amount), 0),
    refund_ids: refunds.map((refund: GraphRecord) => refund.id),
    canceled: order.status === "canceled",
    version: order.version ?? null,
    ...toPointsDiscountShares(order),
  }
}
