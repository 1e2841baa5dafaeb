import { ReconcileResult, ReconcileVariance } from "../../../types"
import { LedgerDb } from "./db"
import { LIFETIME_EARNED_TYPES, LIFETIME_REDEEMED_TYPES } from "./figures"

/** The reconcile check: every account's kept figures against what its ledger says. */

const SQL = {
  /**
   * Each account's recorded figures beside what its ledger says they should be.
   * Returns only accounts with a variance, plus one row carrying the count checked.
   */
  reconcile: `
    WITH checked AS (
      SELECT a.* FROM loyalty_points_account a
      WHERE a.deleted_at IS NULL AND (CAST(:ids AS text[]) IS NULL OR a.id = ANY(CAST(:ids AS text[])))
    ),
    entry_sums AS (
      SELECT e.account_id,
        SUM(e.balance_change) AS balance,
        SUM(e.pending_change) AS pending,
        SUM(CASE WHEN e.type = ANY(CAST(:earned_types AS text[])) THEN e.balance_change ELSE 0 END) AS earned,
        -SUM(CASE WHEN e.type = ANY(CAST(:redeemed_types AS text[])) THEN e.balance_change ELSE 0 END) AS redeemed
      FROM loyalty_points_entry e JOIN checked c ON c.id = e.account_id
      WHERE e.deleted_at IS NULL
      GROUP BY e.account_id
    ),
    hold_sums AS (
      SELECT h.account_id, SUM(h.points) AS held
      FROM loyalty_points_hold h JOIN checked c ON c.id = h.account_id
      WHERE h.status = 'active' AND h.deleted_at IS NULL
      GROUP BY h.account_id
    ),
    lot_sums AS (
      -- Spent lots (remaining 0) add nothing: the open lots and the impossible negative
      -- ones, each read from its own index by account.
      SELECT l.account_id, SUM(l.remaining) AS remaining,
        COUNT(*) FILTER (WHERE l.remaining < 0 OR l.remaining > l.points) AS bad_lots
      FROM (
        SELECT l.account_id, l.remaining, l.points FROM loyalty_points_lot l JOIN checked c ON c.id = l.account_id
        WHERE l.remaining > 0 AND l.deleted_at IS NULL
        UNION ALL
        SELECT l.account_id, l.remaining, l.points FROM loyalty_points_lot l JOIN checked c ON c.id = l.account_id
        WHERE l.remaining < 0 AND l.deleted_at IS NULL
      ) l
      GROUP BY l.account_id
    ),
    compared AS (
      SELECT c.id, c.balance, c.pending, c.held, c.lifetime_earned, c.lifetime_redeemed,
        COALESCE(e.balance, 0) AS entry_balance, COALESCE(e.pending, 0) AS entry_pending,
        COALESCE(h.held, 0) AS active_held, COALESCE(l.remaining, 0) AS lot_remaining,
        COALESCE(e.earned, 0) AS entry_earned, COALESCE(e.redeemed, 0) AS entry_redeemed,
        COALESCE(l.bad_lots, 0) AS bad_lots
      FROM checked c
      LEFT JOIN entry_sums e ON e.account_id = c.id
      LEFT JOIN hold_sums h ON h.account_id = c.id
      LEFT JOIN lot_sums l ON l.account_id = c.id
    )
    SELECT v.*, (SELECT COUNT(*) FROM checked) AS total_accounts
    FROM (SELECT 1) one
    LEFT JOIN compared v ON (
      v.balance <> v.entry_balance OR v.pending <> v.entry_pending OR v.held <> v.active_held
      OR v.lot_remaining <> GREATEST(v.balance, 0) OR v.lifetime_earned <> v.entry_earned
      OR v.lifetime_redeemed <> v.entry_redeemed OR v.bad_lots > 0
    )`,
}

/** Sums come back from PostgreSQL as strings; the kept figures as integers. */
type ComparedRow = {
  id: string | null
  total_accounts: string
  balance: number
  pending: number
  held: number
  lifetime_earned: number
  lifetime_redeemed: number
  entry_balance: string
  entry_pending: string
  active_held: string
  lot_remaining: string
  entry_earned: string
  entry_redeemed: string
  bad_lots: string
}

/**
 * Compares every account's recorded figures with its ledger: balance and pending with
 * the sums of its entries, held with its active holds, open lot remainders with the
 * balance, lifetime figures with their entries. Reports every variance.
 */
export async function reconcile(db: LedgerDb, accountIds: string[] | null): Promise<ReconcileResult> {
  const rows = await db.rows<ComparedRow>(SQL.reconcile, {
    ids: accountIds,
    earned_types: [...LIFETIME_EARNED_TYPES],
    redeemed_types: [...LIFETIME_REDEEMED_TYPES],
  })
  const variances: ReconcileVariance[] = []
  let accountsChecked = 0
  for (const row of rows) {
    accountsChecked = Number(row.total_accounts)
    if (!row.id) {
      continue
    }
    const checks: [ReconcileVariance["field"], number, number][] = [
      ["balance", row.balance, Number(row.entry_balance)],
      ["pending", row.pending, Number(row.entry_pending)],
      ["held", row.held, Number(row.active_held)],
      ["lots", Number(row.lot_remaining), Math.max(row.balance, 0)],
      ["lifetime_earned", row.lifetime_earned, Number(row.entry_earned)],
      ["lifetime_redeemed", row.lifetime_redeemed, Number(row.entry_redeemed)],
    ]
    for (const [field, recorded, expected] of checks) {
      if (recorded !== expected) {
        variances.push({ account_id: row.id, field, recorded, expected })
      }
    }
    if (Number(row.bad_lots) > 0) {
      variances.push({ account_id: row.id, field: "lots", recorded: Number(row.bad_lots), expected: 0 })
    }
  }
  return { accounts_checked: accountsChecked, variances }
}
