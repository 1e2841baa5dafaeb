import { ArrowLeft } from "@medusajs/icons"
import { Badge, Container, Heading, Skeleton, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link, useParams } from "react-router-dom"
import type { LoyaltyEntryView } from "../../../../../types"
import { AdjustPointsDrawer } from "../../../../components/adjust-points-drawer"
import { useCustomerLoyaltyPoints, userLabel, useUsersById } from "../../../../hooks/api/loyalty-points"
import { entryLabel } from "../../../../lib/entry-labels"
import { formatDateTime, formatMoney, formatSignedPoints, pluralPoints, pointsClass } from "../../../../lib/format"

const PAGE_SIZE = 20

/**
 * A customer's whole points history, newest first, page by page: type, points, reason,
 * note, the order or refund it came from, and who made it.
 */
const CustomerLoyaltyHistoryPage = () => {
  const { id } = useParams<{ id: string }>()
  const customerId = id!
  const [pageIndex, setPageIndex] = useState(0)
  const { data, isPending, isError, error } = useCustomerLoyaltyPoints(
    customerId,
    { limit: PAGE_SIZE, offset: pageIndex * PAGE_SIZE },
    { placeholderData: (previous) => previous }
  )
  const userIds = (data?.entries ?? []).filter((entry) => entry.actor_type === "user" && entry.actor_id).map((entry) => entry.actor_id!)
  const { data: users } = useUsersById(userIds)
  const account = data?.loyalty_account
  const customer = account?.customer
  const pageCount = data ? Math.max(1, Math.ceil(data.count / PAGE_SIZE)) : 1

  return (
    <div className="flex flex-col gap-y-3">
      <Link
        to={`/customers/${customerId}`}
        className="txt-compact-small-plus text-ui-fg-subtle hover:text-ui-fg-base flex items-center gap-x-1"
      >
        <ArrowLeft /> Back to the customer
      </Link>
      <Container className="divide-y p-0">
        <div className="flex items-center justify-between px-6 py-4">
          <div className="flex flex-col gap-y-1">
            <Heading level="h1">Points history</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              {customer ? customer.email : customerId}
              {account ? ` · balance ${pluralPoints(account.balance)}` : ""}
            </Text>
          </div>
          {account ? <AdjustPointsDrawer customerId={customerId} available={account.available} /> : null}
        </div>
        {isPending ? (
          <div className="flex flex-col gap-y-2 px-6 py-4" aria-busy="true">
            {[0, 1, 2, 3, 4].map((row) => (
              <Skeleton key={row} className="h-6 w-full" />
            ))}
          </div>
        ) : isError ? (
          <Text className="text-ui-fg-error px-6 py-4" role="alert">
            Could not load the history: {error?.message}
          </Text>
        ) : !data.entries.length ? (
          <Text className="text-ui-fg-muted px-6 py-8 text-center">No points activity yet.</Text>
        ) : (
          <>
            <Table data-testid="lp-history">
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>Date</Table.HeaderCell>
                  <Table.HeaderCell>Type</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">Points</Table.HeaderCell>
                  <Table.HeaderCell>Reason</Table.HeaderCell>
                  <Table.HeaderCell>Note</Table.HeaderCell>
                  <Table.HeaderCell>Source</Table.HeaderCell>
                  <Table.HeaderCell>By</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {data.entries.map((entry) => (
                  <HistoryRow key={entry.id} entry={entry} by={actorLabel(entry, users)} />
                ))}
              </Table.Body>
            </Table>
            <Table.Pagination
              count={data.count}
              pageSize={PAGE_SIZE}
              pageIndex={pageIndex}
              pageCount={pageCount}
              canPreviousPage={pageIndex > 0}
              canNextPage={pageIndex + 1 < pageCount}
              previousPage={() => setPageIndex((page) => Math.max(0, page - 1))}
              nextPage={() => setPageIndex((page) => page + 1)}
            />
          </>
        )}
      </Container>
    </div>
  )
}

function actorLabel(entry: LoyaltyEntryView, users: Map<string, { id: string; email: string; first_name: string | null; last_name: string | null }> | undefined) {
  if (entry.actor_type === "user") {
    return userLabel(entry.actor_id ? users?.get(entry.actor_id) : undefined, entry.actor_id ?? "Admin")
  }
  return entry.actor_type === "customer" ? "Customer" : "System"
}

const HistoryRow = ({ entry, by }: { entry: LoyaltyEntryView; by: string }) => {
  const { label, color } = entryLabel(entry.type)
  const cause = (entry.metadata as { cause?: { type?: string; id?: string } } | null)?.cause
  return (
    <Table.Row>
      <Table.Cell className="whitespace-nowrap">{formatDateTime(entry.created_at)}</Table.Cell>
      <Table.Cell>
        <Badge size="2xsmall" color={color}>
          {label}
        </Badge>
      </Table.Cell>
      <Table.Cell className={`text-right ${pointsClass(entry.points)}`}>
        {formatSignedPoints(entry.points)}
        {entry.money_amount && entry.currency_code ? (
          <span className="text-ui-fg-muted block txt-compact-xsmall">
            {formatMoney(Math.abs(entry.money_amount), entry.currency_code)}
          </span>
        ) : null}
      </Table.Cell>
      <Table.Cell>{entry.reason ?? "—"}</Table.Cell>
      <Table.Cell className="max-w-[240px] truncate" title={entry.note ?? undefined}>
        {entry.note ?? "—"}
      </Table.Cell>
      <Table.Cell>
        {entry.order_id ? (
          <Link to={`/orders/${entry.order_id}`} className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
            {cause?.type === "refund" ? "Refund on order" : "Order"}
          </Link>
        ) : entry.reference_type ? (
          <span className="text-ui-fg-subtle">{entry.reference_type}</span>
        ) : (
          "—"
        )}
      </Table.Cell>
      <Table.Cell>{by}</Table.Cell>
    </Table.Row>
  )
}

export default CustomerLoyaltyHistoryPage
