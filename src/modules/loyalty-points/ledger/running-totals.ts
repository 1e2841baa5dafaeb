import { sqlTypes, TIER_QUALIFYING_TYPES } from "./figures"

/**
 * Running totals: what lets a read answer history figures from a bounded number of
 * rows. Every entry write (ledger/entries.ts, the expiry statement) keeps them:
 * - `loyalty_points_account.entry_count`: the history page's count;
 * - `loyalty_points_account.tier_points_total` / `tier_amounts_total` (per currency):
 *   the qualifying points and spend ever (figures.tierChanges), and on each entry the
 *   account's totals once it was written (`tier_points_total`, `tier_amount_total` in
 *   the entry's currency). A tier's progress over its window is the account's total
 *   less the total of the last entry before the window (tiers.ts): two index lookups,
 *   whatever the history.
 *
 * `rebuildRunningTotalsSql` recomputes them from the entries: the migration that added
 * them backfills every account with it, and a bulk load of entries (benchmarks) calls
 * it for the accounts it filled.
 */

const QUALIFYING = `e.type IN (${sqlTypes(TIER_QUALIFYING_TYPES)})`
const POINTS_DELTA = `CASE WHEN ${QUALIFYING} THEN e.balance_change ELSE 0 END`
const AMOUNT_DELTA = `CASE WHEN ${QUALIFYING} THEN SIGN(e.balance_change) * COALESCE(CAST(e.metadata ->> 'qualifying_amount' AS numeric), 0) ELSE 0 END`

/**
 * The statements that rebuild the running totals of the accounts `accountFilter`
 * selects (an SQL condition on the entries `e`, e.g. `e.account_id = 'lpacc_1'`; default: all).
 */
export function rebuildRunningTotalsSql(accountFilter = "true"): string[] {
  return [
    `WITH running AS (
      SELECT e.id,
        SUM(${POINTS_DELTA}) OVER (PARTITION BY e.account_id ORDER BY e.created_at, e.id) AS points_total,
        CASE WHEN e.currency_code IS NULL THEN NULL ELSE
          SUM(${AMOUNT_DELTA}) OVER (PARTITION BY e.account_id, e.currency_code ORDER BY e.created_at, e.id) END AS amount_total
      FROM loyalty_points_entry e
      WHERE e.deleted_at IS NULL AND ${accountFilter}
    )
    UPDATE loyalty_points_entry e SET tier_points_total = r.points_total, tier_amount_total = r.amount_total,
      raw_tier_amount_total = CASE WHEN r.amount_total IS NULL THEN NULL
        ELSE jsonb_build_object('value', CAST(r.amount_total AS text), 'precision', 20) END
    FROM running r WHERE e.id = r.id`,
    `WITH counts AS (
      SELECT e.account_id, COUNT(*) AS entries, SUM(${POINTS_DELTA}) AS points
      FROM loyalty_points_entry e WHERE e.deleted_at IS NULL AND ${accountFilter}
      GROUP BY e.account_id
    ),
    per_currency AS (
      SELECT e.account_id, e.currency_code, SUM(${AMOUNT_DELTA}) AS amount
      FROM loyalty_points_entry e
      WHERE e.deleted_at IS NULL AND e.currency_code IS NOT NULL AND ${accountFilter}
      GROUP BY e.account_id, e.currency_code
    ),
    amounts AS (
      SELECT account_id, jsonb_object_agg(currency_code, amount) AS amounts FROM per_currency GROUP BY account_id
    )
    UPDATE loyalty_points_account a SET entry_count = c.entries, tier_points_total = c.points,
      tier_amounts_total = m.amounts
    FROM counts c LEFT JOIN amounts m ON m.account_id = c.account_id
    WHERE a.id = c.account_id`,
  ]
}
