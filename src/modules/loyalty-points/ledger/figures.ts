import { EntryType } from "../../../types"

/**
 * The one definition of each figure the ledger derives from entries. An order's
 * figures are SQL aggregates over its entries (columns `type`, `points`,
 * `balance_change`, `pending_change`, `reason`, `reference_type`, `metadata`), used by every query that
 * needs them; the account's lifetime figures are the entry types below, used by the
 * writes that keep them and by the reconcile check that verifies them.
 */

/** Entry types whose balance change counts toward `lifetime_earned`. */
export const LIFETIME_EARNED_TYPES: readonly EntryType[] = ["earn", "bonus", "import", "clawback"]

/** Entry types whose balance change counts (negated) toward `lifetime_redeemed`. */
export const LIFETIME_REDEEMED_TYPES: readonly EntryType[] = ["redeem", "redeem_reversal"]

/** Entry types whose points (or spend) count toward a tier, clawbacks taking them away. */
export const TIER_QUALIFYING_TYPES: readonly EntryType[] = ["earn", "bonus", "clawback"]

/** The reason of the entries that move an order's earnable points after an order edit. */
export const ORDER_EDITED_REASON = "order_edited"

/** What a change of the balance by `balance` adds to lifetime_earned and lifetime_redeemed. */
export function lifetimeChanges(type: EntryType | null, balance: number) {
  return {
    earned: type && LIFETIME_EARNED_TYPES.includes(type) ? balance : 0,
    redeemed: type && LIFETIME_REDEEMED_TYPES.includes(type) ? -balance : 0,
  }
}

/**
 * What an entry adds to the account's qualifying running totals (tier progress): its
 * balance change in points, and in spend the order amount its metadata records
 * (`qualifying_amount`), signed as the balance change, in the entry's currency. The
 * amount is a decimal string, summed as numeric by PostgreSQL.
 */
export function tierChanges(
  type: EntryType | null,
  balance: number,
  currency: string | null,
  metadata: Record<string, unknown> | null | undefined
): { points: number; amount: string } {
  if (!type || !TIER_QUALIFYING_TYPES.includes(type)) {
    return { points: 0, amount: "0" }
  }
  const qualifying = metadata?.qualifying_amount
  const text = qualifying === undefined || qualifying === null ? "" : String(qualifying).trim()
  if (!currency || balance === 0 || !text || !Number.isFinite(Number(text))) {
    return { points: balance, amount: "0" }
  }
  const negated = text.startsWith("-") ? text.slice(1) : `-${text}`
  return { points: balance, amount: balance < 0 ? negated : text }
}

/** A list of entry types as SQL literals, for `type IN (...)`. */
export function sqlTypes(types: readonly EntryType[]) {
  return types.map((type) => `'${type}'`).join(", ")
}

/**
 * The order's own clawbacks, of the points it earned: its reversal writes them against
 * the refund, the return or the cancellation. A bonus clawed back because of the order
 * (a referral bonus, settle-referral-bonuses) carries the order's id and the type
 * `clawback` too, but references the bonus entry it takes back (`reference_type`
 * 'entry'); counted here it would stand for the order's earned points, and those would
 * stay with the shopper.
 */
const ORDER_CLAWBACK = `type = 'clawback' AND reference_type IS DISTINCT FROM 'entry'`

/** An order's figures, as aggregates over the order's entries. */
export const ORDER_FIGURES = {
  /** The points the order may earn: recorded pending, moved by order edits. */
  earnable: `COALESCE(SUM(points) FILTER (WHERE type = 'earn_pending' OR (type = 'earn_void' AND reason = '${ORDER_EDITED_REASON}')), 0)`,
  /** Still pending. */
  pending: `COALESCE(SUM(pending_change), 0)`,
  /** Made spendable by captures. */
  earned: `COALESCE(SUM(balance_change) FILTER (WHERE type = 'earn'), 0)`,
  /** Pending points voided by refunds and the cancellation; order edits move `earnable` instead. */
  voided: `COALESCE(-SUM(points) FILTER (WHERE type = 'earn_void' AND reason IS DISTINCT FROM '${ORDER_EDITED_REASON}'), 0)`,
  /** Spent on the order. */
  redeemed: `COALESCE(-SUM(balance_change) FILTER (WHERE type = 'redeem'), 0)`,
  /** Given back to the shopper. */
  given_back: `COALESCE(SUM(balance_change) FILTER (WHERE type = 'redeem_reversal'), 0)`,
  /** What left the balance for refunds and the cancellation. */
  clawed_back: `COALESCE(-SUM(balance_change) FILTER (WHERE ${ORDER_CLAWBACK}), 0)`,
  /** Clawed back on paper only: the balance was at zero and debt was not allowed. */
  written_off: `COALESCE(SUM(CAST(metadata->>'written_off' AS integer)) FILTER (WHERE ${ORDER_CLAWBACK}), 0)`,
  /** The spend the order's earned points were made on. */
  earned_qualifying_amount: `COALESCE(SUM(CAST(metadata->>'qualifying_amount' AS numeric)) FILTER (WHERE type = 'earn'), 0)`,
  /** The spend the order's earnable points were recorded for. */
  qualifying_amount: `MAX(CAST(metadata->>'qualifying_amount' AS numeric)) FILTER (WHERE type = 'earn_pending')`,
  /** Whether the order's earnable points were ever recorded. */
  recorded: `COUNT(*) FILTER (WHERE type = 'earn_pending') > 0`,
  /** Whether the daily cap cut the points when the order was placed. */
  capped: `COALESCE(BOOL_OR(type = 'earn_pending' AND metadata->>'capped_from' IS NOT NULL), false)`,
} as const

/** `<figure> AS <name>` for each named figure, for a SELECT list. */
export function selectFigures(...names: (keyof typeof ORDER_FIGURES)[]) {
  return names.map((name) => `${ORDER_FIGURES[name]} AS ${name}`).join(",\n      ")
}
