import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { ExclamationCircle } from "@medusajs/icons"
import { Badge, Container, Copy, Heading, Skeleton, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { Link } from "react-router-dom"
import type { LoyaltyAccountView, LoyaltyEntryView } from "../../types"
import { AdjustPointsDrawer } from "../components/adjust-points-drawer"
import { useCustomerLoyaltyPoints } from "../hooks/api/loyalty-points"
import { entryLabel } from "../lib/entry-labels"
import {
  dateFormat,
  dateTimeFormat,
  formatMoney,
  formatPoints,
  formatSignedPoints,
  numberFormat,
  pluralPoints,
} from "../lib/format"

/** How many ledger entries the side panel shows. */
const RECENT_ENTRIES = 5

/**
 * The customer's loyalty account beside their details: what they can spend, what is
 * on its way or reserved, their tier, the next points to expire and the latest
 * ledger entries.
 */
const CustomerLoyaltyPointsWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const { data, isPending, isError, error } = useCustomerLoyaltyPoints(customer.id, { limit: RECENT_ENTRIES })

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <Heading level="h2">Loyalty points</Heading>
        {data ? <AdjustPointsDrawer customerId={customer.id} available={data.loyalty_account.available} /> : null}
      </div>
      {isPending ? (
        <LoadingState />
      ) : isError ? (
        <ErrorState message={error?.message} />
      ) : (
        <>
          <Summary account={data.loyalty_account} />
          <Figures account={data.loyalty_account} />
          <TierAndExpiry account={data.loyalty_account} />
          <RecentEntries entries={data.entries} count={data.count} />
          <div className="px-6 py-4">
            <Link
              to={`/loyalty-points/customers/${customer.id}`}
              className="txt-compact-small-plus text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
            >
              View full history
            </Link>
          </div>
        </>
      )}
    </Container>
  )
}

const Summary = ({ account }: { account: LoyaltyAccountView }) => {
  const worth =
    account.redemption_value !== null && account.balance > 0
      ? formatMoney(account.balance * account.redemption_value, account.currency_code)
      : null
  return (
    <div className="flex items-end justify-between gap-x-4 px-6 py-4">
      <div className="flex flex-col gap-y-1">
        <Text size="small" leading="compact" className="text-ui-fg-subtle">
          Balance
        </Text>
        <Text size="xlarge" weight="plus" leading="compact" className="text-ui-fg-base" data-testid="lp-balance">
          {pluralPoints(account.balance)}
        </Text>
      </div>
      {worth ? (
        <Text size="small" leading="compact" className="text-ui-fg-subtle" title="What the balance is worth at checkout">
          worth {worth}
        </Text>
      ) : null}
    </div>
  )
}

const Figures = ({ account }: { account: LoyaltyAccountView }) => (
  <div className="flex flex-col">
    <Row label="Available" hint="Balance minus points held by open carts">
      {formatPoints(account.available)}
    </Row>
    <Row label="Pending" hint="Earned on orders not yet paid or still in their return window">
      {formatPoints(account.pending)}
    </Row>
    <Row label="Held" hint="Reserved by carts that apply points">
      {formatPoints(account.held)}
    </Row>
    <Row label="Lifetime earned">{formatPoints(account.lifetime_earned)}</Row>
    <Row label="Lifetime redeemed">{formatPoints(account.lifetime_redeemed)}</Row>
    {account.referral_code ? (
      <Row label="Referral code">
        <span className="inline-flex items-center gap-x-1">
          <code className="txt-compact-small">{account.referral_code}</code>
          <Copy content={account.referral_code} />
        </span>
      </Row>
    ) : null}
  </div>
)

const TierAndExpiry = ({ account }: { account: LoyaltyAccountView }) => {
  const nextExpiry = account.expiring[0]
  const hasTiers = Boolean(account.tier || account.next_tier)
  return (
    <div className="flex flex-col">
      {hasTiers ? (
        <>
          <Row label="Tier">
            {account.tier ? (
              <Badge size="2xsmall" color="purple">
                {account.tier.name}
              </Badge>
            ) : (
              "None yet"
            )}
          </Row>
          <Row label="Next tier">
            {account.next_tier
              ? `${account.next_tier.name} · ${pluralPoints(account.next_tier.points_needed)} to go`
              : "Top tier reached"}
          </Row>
        </>
      ) : null}
      {account.next_tier ? <TierProgress account={account} /> : null}
      <Row label="Next expiry">
        {nextExpiry ? `${pluralPoints(nextExpiry.points)} on ${dateFormat.format(new Date(nextExpiry.expires_at))}` : "Nothing expiring"}
      </Row>
    </div>
  )
}

/** How far the customer is towards the next tier's threshold. */
const TierProgress = ({ account }: { account: LoyaltyAccountView }) => {
  const next = account.next_tier!
  const threshold = Number(next.threshold ?? 0)
  const reached = Math.max(0, threshold - next.points_needed)
  const percent = threshold > 0 ? Math.min(100, Math.round((reached / threshold) * 100)) : 0
  return (
    <div className="flex flex-col gap-y-1 px-6 py-2">
      <div
        className="bg-ui-bg-component h-2 w-full overflow-hidden rounded-full"
        role="progressbar"
        aria-label={`Progress to ${next.name}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className="bg-ui-fg-interactive h-full rounded-full transition-all" style={{ width: `${percent}%` }} />
      </div>
      <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
        {formatPoints(reached)} of {formatPoints(threshold)} qualifying points · {percent}%
      </Text>
    </div>
  )
}

const RecentEntries = ({ entries, count }: { entries: LoyaltyEntryView[]; count: number }) => (
  <div className="flex flex-col">
    <div className="flex items-center justify-between px-6 pb-2 pt-4">
      <Text size="small" weight="plus" leading="compact" className="text-ui-fg-base">
        Recent activity
      </Text>
      {count > entries.length ? (
        <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
          Latest {entries.length} of {numberFormat.format(count)}
        </Text>
      ) : null}
    </div>
    {entries.length ? (
      <ul className="flex flex-col pb-2">
        {entries.map((entry) => (
          <EntryItem key={entry.id} entry={entry} />
        ))}
      </ul>
    ) : (
      <Text size="small" leading="compact" className="text-ui-fg-muted px-6 pb-4">
        No points activity yet.
      </Text>
    )}
  </div>
)

const EntryItem = ({ entry }: { entry: LoyaltyEntryView }) => {
  const { label, color } = entryLabel(entry.type)
  const createdAt = new Date(entry.created_at)
  const pointsClass =
    entry.points > 0 ? "text-ui-tag-green-text" : entry.points < 0 ? "text-ui-tag-red-text" : "text-ui-fg-muted"
  return (
    <li className="flex items-start justify-between gap-x-4 px-6 py-2">
      <div className="flex min-w-0 flex-col gap-y-1">
        <div className="flex items-center gap-x-2">
          <Badge size="2xsmall" color={color}>
            {label}
          </Badge>
          <Text size="xsmall" leading="compact" className="text-ui-fg-muted" title={dateTimeFormat.format(createdAt)}>
            {dateFormat.format(createdAt)}
          </Text>
        </div>
        {entry.reason ? (
          <Text size="small" leading="compact" className="text-ui-fg-subtle truncate" title={entry.note ?? entry.reason}>
            {entry.reason}
          </Text>
        ) : null}
      </div>
      <Text size="small" weight="plus" leading="compact" className={`${pointsClass} whitespace-nowrap`}>
        {formatSignedPoints(entry.points)}
      </Text>
    </li>
  )
}

const Row = ({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) => (
  <div className="text-ui-fg-subtle grid grid-cols-2 items-center gap-x-4 px-6 py-2 first:pt-4 last:pb-4">
    <Text size="small" weight="plus" leading="compact" title={hint}>
      {label}
    </Text>
    <Text size="small" leading="compact" className="text-ui-fg-base text-right">
      {children}
    </Text>
  </div>
)

const LoadingState = () => (
  <div className="flex flex-col gap-y-3 px-6 py-4" aria-busy="true" aria-label="Loading loyalty points">
    <Skeleton className="h-7 w-32" />
    {[0, 1, 2, 3].map((row) => (
      <div key={row} className="flex justify-between">
        <Skeleton className="h-4 w-24" />
        <Skeleton className="h-4 w-12" />
      </div>
    ))}
  </div>
)

const ErrorState = ({ message }: { message?: string }) => (
  <div className="flex items-start gap-x-2 px-6 py-4" role="alert">
    <ExclamationCircle className="text-ui-fg-error mt-0.5 shrink-0" />
    <div className="flex flex-col gap-y-1">
      <Text size="small" weight="plus" leading="compact" className="text-ui-fg-base">
        Could not load the loyalty account
      </Text>
      {message ? (
        <Text size="small" leading="compact" className="text-ui-fg-subtle">
          {message}
        </Text>
      ) : null}
    </div>
  </div>
)

export const config = defineWidgetConfig({
  zone: "customer.details.side.after",
})

export default CustomerLoyaltyPointsWidget
