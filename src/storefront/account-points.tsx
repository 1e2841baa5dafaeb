import { useCallback, useEffect, useState } from "react"
import { listLoyaltyEntries, listLoyaltyVouchers, MedusaSdkLike, retrieveLoyaltyAccount } from "./client"
import { LoyaltyPointsError, toLoyaltyPointsError } from "./errors"
import { formatMoney, formatPoints } from "./format"
import type { StoreLoyaltyAccount, StoreLoyaltyEntriesResponse, StoreLoyaltyVoucher } from "./types"

export type LoyaltyAccountPointsProps = {
  sdk: MedusaSdkLike
  /** The currency the points' money value is shown in (the shopper's region). */
  currencyCode?: string
  /** History entries per page (default 10). */
  pageSize?: number
  className?: string
  /** Words the component shows; pass your own for another language. */
  labels?: Partial<typeof ACCOUNT_LABELS>
  locale?: string
}

export const ACCOUNT_LABELS = {
  title: "Your points",
  balance: "Balance",
  available: "Available",
  pending: "Pending",
  held: "Reserved in carts",
  worth: "Worth",
  tier: "Tier",
  nextTier: "Next tier",
  pointsNeeded: "points to go",
  expiring: "Expiring soon",
  history: "History",
  vouchers: "Vouchers",
  used: "used",
  noHistory: "No points yet.",
  previous: "Previous",
  next: "Next",
  loading: "Loading your points…",
  signIn: "Sign in to see your points.",
}

const ENTRY_LABELS: Record<string, string> = {
  earn_pending: "Earned (pending payment)",
  earn: "Earned",
  earn_void: "Pending points voided",
  redeem: "Spent",
  redeem_reversal: "Given back",
  clawback: "Taken back (refund)",
  expire: "Expired",
  adjust: "Adjustment",
  bonus: "Bonus",
  import: "Imported",
}

/**
 * The shopper's points on an account page: balance and its money value, tier progress,
 * points expiring soon, a paged history and the vouchers. Unstyled: every part carries a
 * `data-loyalty` attribute to style or test against.
 */
export function LoyaltyAccountPoints({ sdk, currencyCode, pageSize = 10, className, labels, locale }: LoyaltyAccountPointsProps) {
  const text = { ...ACCOUNT_LABELS, ...(labels ?? {}) }
  const [account, setAccount] = useState<StoreLoyaltyAccount | null>(null)
  const [history, setHistory] = useState<StoreLoyaltyEntriesResponse | null>(null)
  const [vouchers, setVouchers] = useState<StoreLoyaltyVoucher[]>([])
  const [offset, setOffset] = useState(0)
  const [error, setError] = useState<LoyaltyPointsError | null>(null)

  useEffect(() => {
    let live = true
    Promise.all([retrieveLoyaltyAccount(sdk, currencyCode ? { currency_code: currencyCode } : {}), listLoyaltyVouchers(sdk)])
      .then(([{ loyalty_account }, { vouchers }]) => {
        if (live) {
          setAccount(loyalty_account)
          setVouchers(vouchers)
          setError(null)
        }
      })
      .catch((e) => live && setError(toLoyaltyPointsError(e)))
    return () => {
      live = false
    }
  }, [sdk, currencyCode])

  const loadPage = useCallback(
    (nextOffset: number) =>
      listLoyaltyEntries(sdk, { limit: pageSize, offset: nextOffset })
        .then((page) => {
          setHistory(page)
          setOffset(nextOffset)
        })
        .catch((e) => setError(toLoyaltyPointsError(e))),
    [sdk, pageSize]
  )
  useEffect(() => {
    void loadPage(0)
  }, [loadPage])

  if (error) {
    return (
      <section className={className} data-loyalty="account" data-state="error">
        <p role="alert" data-loyalty="error">
          {error.kind === "unauthorized" ? text.signIn : error.message}
        </p>
      </section>
    )
  }
  if (!account) {
    return (
      <section className={className} data-loyalty="account" data-state="loading">
        <p>{text.loading}</p>
      </section>
    )
  }
  const worth =
    account.redemption_value != null ? formatMoney(account.balance * account.redemption_value, account.currency_code, locale) : null
  const next = account.next_tier
  const qualifying = typeof account.qualifying_points === "number" ? (account.qualifying_points as number) : null
  const progressMax = next && qualifying != null ? qualifying + next.points_needed : null

  return (
    <section className={className} data-loyalty="account" data-state="ready">
      <h2>{text.title}</h2>
      <dl data-loyalty="figures">
        <dt>{text.balance}</dt>
        <dd data-loyalty="balance">{formatPoints(account.balance, locale)}</dd>
        <dt>{text.available}</dt>
        <dd data-loyalty="available">{formatPoints(account.available, locale)}</dd>
        {account.pending > 0 && (
          <>
            <dt>{text.pending}</dt>
            <dd data-loyalty="pending">{formatPoints(account.pending, locale)}</dd>
          </>
        )}
        {account.held > 0 && (
          <>
            <dt>{text.held}</dt>
            <dd data-loyalty="held">{formatPoints(account.held, locale)}</dd>
          </>
        )}
        {worth && (
          <>
            <dt>{text.worth}</dt>
            <dd data-loyalty="worth">{worth}</dd>
          </>
        )}
      </dl>

      <div data-loyalty="tier">
        <span>
          {text.tier}: <strong data-loyalty="tier-name">{account.tier?.name ?? "—"}</strong>
        </span>
        {next && (
          <span data-loyalty="next-tier">
            {" "}
            · {text.nextTier}: {next.name}, {formatPoints(next.points_needed, locale)} {text.pointsNeeded}
            {progressMax ? <progress value={qualifying ?? 0} max={progressMax} /> : null}
          </span>
        )}
      </div>

      {account.expiring.length > 0 && (
        <div data-loyalty="expiring">
          <h3>{text.expiring}</h3>
          <ul>
            {account.expiring.slice(0, 3).map((lot) => (
              <li key={lot.expires_at}>
                {formatPoints(lot.points, locale)} · {new Date(lot.expires_at).toLocaleDateString(locale)}
              </li>
            ))}
          </ul>
        </div>
      )}

      <div data-loyalty="history">
        <h3>{text.history}</h3>
        {history && history.entries.length === 0 ? (
          <p>{text.noHistory}</p>
        ) : (
          <table>
            <tbody>
              {(history?.entries ?? []).map((entry) => (
                <tr key={entry.id} data-loyalty="entry" data-type={entry.type}>
                  <td>{new Date(entry.created_at).toLocaleDateString(locale)}</td>
                  <td>{entry.description ?? ENTRY_LABELS[entry.type] ?? entry.type}</td>
                  <td data-loyalty="entry-points">{(entry.points > 0 ? "+" : "") + formatPoints(entry.points, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {history && history.count > pageSize && (
          <nav data-loyalty="pages">
            <button type="button" disabled={offset === 0} onClick={() => loadPage(Math.max(0, offset - pageSize))}>
              {text.previous}
            </button>
            <span>
              {offset + 1}–{Math.min(offset + pageSize, history.count)} / {history.count}
            </span>
            <button type="button" disabled={offset + pageSize >= history.count} onClick={() => loadPage(offset + pageSize)}>
              {text.next}
            </button>
          </nav>
        )}
      </div>

      {vouchers.length > 0 && (
        <div data-loyalty="vouchers">
          <h3>{text.vouchers}</h3>
          <ul>
            {vouchers.map((voucher) => (
              <li key={voucher.code} data-used={voucher.used ? "true" : "false"}>
                <code>{voucher.code}</code> · {formatMoney(voucher.amount, voucher.currency_code, locale)}
                {voucher.used ? ` (${text.used})` : ""}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}
