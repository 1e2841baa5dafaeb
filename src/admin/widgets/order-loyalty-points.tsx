import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Container, Heading, Skeleton, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { Link } from "react-router-dom"
import { AdminOrderLoyaltyPointsEntry, useOrderLoyaltyPoints } from "../hooks/api/loyalty-points"
import { entryLabel } from "../lib/entry-labels"
import { formatDate, formatMoney, formatPoints, formatSignedPoints, pointsClass } from "../lib/format"

const NOTHING_EARNED: Record<string, string> = {
  guest: "Guest orders earn no points.",
  no_earn_rate: "The programme has no earn rate for this currency.",
  below_minimum: "The order is below the programme's minimum.",
}

/** Why an entry was written, in words, with a link where there is something to open. */
const CAUSES: Record<string, string> = {
  refund: "Refund",
  cancellation: "Cancellation",
  order_edit: "Order edit",
  order: "Order placed",
  payment: "Payment captured",
  cart: "Checkout",
}

/**
 * The order's points beside the order: earnable, pending, earned, redeemed (with its
 * discount), given back, clawed back, voided and written off, and every entry with
 * what caused it.
 */
const OrderLoyaltyPointsWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const { data, isPending, isError, error } = useOrderLoyaltyPoints(order.id)
  const points = data?.loyalty_points
  const redeemEntries = points?.entries.filter((entry) => entry.type === "redeem") ?? []
  const discount = redeemEntries.reduce((sum, entry) => sum + Math.abs(entry.money_amount ?? 0), 0)

  return (
    <Container className="divide-y p-0" data-testid="lp-order-widget">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Loyalty points</Heading>
        {order.customer_id ? (
          <Link
            to={`/loyalty-points/customers/${order.customer_id}`}
            className="txt-compact-small-plus text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
          >
            Customer history
          </Link>
        ) : null}
      </div>
      {isPending ? (
        <div className="flex flex-col gap-y-2 px-6 py-4" aria-busy="true">
          {[0, 1, 2, 3].map((row) => (
            <Skeleton key={row} className="h-4 w-full" />
          ))}
        </div>
      ) : isError ? (
        <Text size="small" className="text-ui-fg-error px-6 py-4" role="alert">
          Could not load the order's points: {error?.message}
        </Text>
      ) : (
        <>
          {points!.reason && NOTHING_EARNED[points!.reason] ? (
            <Text size="small" className="text-ui-fg-subtle px-6 py-4">
              {NOTHING_EARNED[points!.reason]}
            </Text>
          ) : null}
          <div className="flex flex-col py-2">
            <Figure label="Earnable" testId="lp-order-earnable" value={points!.earnable} />
            <Figure label="Pending" testId="lp-order-pending" value={points!.pending} />
            <Figure label="Earned" testId="lp-order-earned" value={points!.earned} />
            <Figure label="Redeemed" testId="lp-order-redeemed" value={points!.redeemed}>
              {discount > 0 ? (
                <span className="text-ui-fg-muted"> · {formatMoney(discount, points!.currency_code)} off</span>
              ) : null}
            </Figure>
            <Figure label="Given back" testId="lp-order-given-back" value={points!.given_back} />
            <Figure label="Clawed back" testId="lp-order-clawed-back" value={points!.clawed_back} />
            <Figure label="Voided" testId="lp-order-voided" value={points!.voided} />
            <Figure label="Written off" testId="lp-order-written-off" value={points!.written_off} />
          </div>
          <div className="flex flex-col py-2">
            <Text size="small" weight="plus" className="px-6 py-2">
              Entries
            </Text>
            {points!.entries.length ? (
              <ul className="flex flex-col">
                {points!.entries.map((entry) => (
                  <OrderEntry key={entry.id} entry={entry} orderId={order.id} />
                ))}
              </ul>
            ) : (
              <Text size="small" className="text-ui-fg-muted px-6 pb-4">
                No points on this order.
              </Text>
            )}
          </div>
        </>
      )}
    </Container>
  )
}

const Figure = ({ label, value, testId, children }: { label: string; value: number; testId: string; children?: ReactNode }) => (
  <div className="text-ui-fg-subtle grid grid-cols-2 items-center gap-x-4 px-6 py-1.5">
    <Text size="small" weight="plus" leading="compact">
      {label}
    </Text>
    <Text size="small" leading="compact" className="text-ui-fg-base text-right">
      <span data-testid={testId}>{formatPoints(value)}</span>
      {children}
    </Text>
  </div>
)

const OrderEntry = ({ entry, orderId }: { entry: AdminOrderLoyaltyPointsEntry; orderId: string }) => {
  const { label, color } = entryLabel(entry.type)
  const cause = entry.cause
  const causeLabel = cause ? (CAUSES[cause.type] ?? cause.type) : null
  // Refunds, cancellations and edits all live on the order's own page.
  const causeLink =
    cause && ["refund", "cancellation", "order_edit", "payment"].includes(cause.type) ? `/orders/${orderId}` : null
  return (
    <li className="flex items-start justify-between gap-x-4 px-6 py-1.5">
      <div className="flex min-w-0 flex-col gap-y-0.5">
        <div className="flex items-center gap-x-2">
          <Badge size="2xsmall" color={color}>
            {label}
          </Badge>
          <Text size="xsmall" className="text-ui-fg-muted">
            {formatDate(entry.created_at)}
          </Text>
        </div>
        {causeLabel ? (
          <Text size="xsmall" className="text-ui-fg-subtle" title={cause?.id ?? undefined}>
            {causeLink ? (
              <Link to={causeLink} className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
                {causeLabel}
              </Link>
            ) : (
              causeLabel
            )}
            {cause?.id ? <span className="text-ui-fg-muted"> · {cause.id}</span> : null}
          </Text>
        ) : null}
      </div>
      <Text size="small" weight="plus" className={`${pointsClass(entry.points)} whitespace-nowrap`}>
        {formatSignedPoints(entry.points)}
      </Text>
    </li>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.side.after",
})

export default OrderLoyaltyPointsWidget
