import { LedgerAccountDTO, ProgramSettings, RaiseTierResult, TierStatus } from "../../types"
import { LedgerDb, lockAccount } from "./ledger/db"
import { ACCOUNT_COLUMNS, AccountRow, toAccountDTO } from "./ledger/rows"

/**
 * Tiers: which tier each account is in, the next one and what it still takes, measured
 * over each tier's own rolling window; raising an account to the tier it reached.
 */

const SQL = {
  /**
   * The programme's tiers, lowest rank first, for each of the accounts :ids, with the
   * account's qualifying figure over that tier's own window: points earned (less
   * clawed back), or the spend those earnings were made on in :currency. Each figure is
   * the account's running total less the total of its last entry before the window
   * (ledger/running-totals.ts): one index lookup per tier, whatever the history.
   */
  tiersWithQualifying: `
    SELECT a.id AS account_id, t.id, t.name, t.rank, t.threshold, t.threshold_type, t.window_months,
      t.earn_multiplier, t.description,
      CASE WHEN t.threshold_type = 'points' THEN
        a.tier_points_total - COALESCE((
          SELECT e.tier_points_total FROM loyalty_points_entry e
          WHERE e.account_id = a.id AND e.deleted_at IS NULL
            AND e.created_at <= COALESCE(CAST(:as_of AS timestamptz), now()) - make_interval(months => t.window_months)
          ORDER BY e.created_at DESC LIMIT 1), 0)
      ELSE
        COALESCE(CAST(a.tier_amounts_total ->> CAST(:currency AS text) AS numeric), 0) - COALESCE((
          SELECT e.tier_amount_total FROM loyalty_points_entry e
          WHERE e.account_id = a.id AND e.deleted_at IS NULL AND e.currency_code = :currency
            AND e.created_at <= COALESCE(CAST(:as_of AS timestamptz), now()) - make_interval(months => t.window_months)
          ORDER BY e.created_at DESC LIMIT 1), 0)
      END AS qualifying
    FROM loyalty_points_account a
    JOIN loyalty_points_tier t ON t.program_id = a.program_id AND t.deleted_at IS NULL
    WHERE a.id = ANY(:ids)
    ORDER BY a.id, t.rank ASC`,
  selectAccountTiers: `
    SELECT id, tier_id FROM loyalty_points_account WHERE id = ANY(?) AND deleted_at IS NULL`,
  setAccountTier: `
    UPDATE loyalty_points_account SET tier_id = ?, tier_below_since = NULL, updated_at = now() WHERE id = ?
    RETURNING ${ACCOUNT_COLUMNS}`,
}

export type TierWithQualifying = NonNullable<TierStatus["tier"]> & { qualifying: number }

type TierRow = Omit<TierWithQualifying, "earn_multiplier" | "qualifying"> & {
  account_id: string
  earn_multiplier: string | number
  qualifying: string | number
}

/** Where the default programme's settings come from, read only when needed. */
export type SettingsSource = () => Promise<ProgramSettings>

/**
 * Each account's tiers (lowest rank first) with its qualifying figure per tier window,
 * the window ending at `asOf` (default: the transaction's now). The running totals count
 * every entry to date, so `asOf` is now or later (the nightly review's "as of").
 */
export async function tiersWithQualifying(
  db: LedgerDb,
  accountIds: string[],
  settings: SettingsSource,
  asOf: Date | null = null
) {
  const { default_currency_code: currency } = await settings()
  const rows = await db.rows<TierRow>(SQL.tiersWithQualifying, {
    ids: accountIds,
    currency,
    as_of: asOf ? asOf.toISOString() : null,
  })
  const byAccount = new Map<string, TierWithQualifying[]>(accountIds.map((id) => [id, []]))
  for (const row of rows) {
    byAccount.get(row.account_id)?.push({
      id: row.id,
      name: row.name,
      rank: row.rank,
      threshold: row.threshold,
      threshold_type: row.threshold_type,
      window_months: row.window_months,
      earn_multiplier: Number(row.earn_multiplier),
      description: row.description ?? null,
      qualifying: Number(row.qualifying),
    })
  }
  return byAccount
}

function tierStatus(tiers: TierWithQualifying[], tierId: string | null): TierStatus {
  const view = ({ qualifying: _qualifying, ...tier }: TierWithQualifying) => tier
  const current = tiers.find((tier) => tier.id === tierId) ?? null
  const next = tiers.find((tier) => tier.rank > (current?.rank ?? -1)) ?? null
  return {
    tier: current ? view(current) : null,
    next_tier: next ? { ...view(next), points_needed: Math.max(Math.ceil(next.threshold - next.qualifying), 0) } : null,
    qualifying: next?.qualifying ?? current?.qualifying ?? 0,
  }
}

/** Each account's tier and the next one with the points (or spend) still needed; one query for all. */
export async function tierStatuses(
  db: LedgerDb,
  accountIds: string[],
  settings: SettingsSource
): Promise<Map<string, TierStatus>> {
  const ids = [...new Set(accountIds)]
  if (!ids.length) {
    return new Map()
  }
  const accounts = await db.rows<{ id: string; tier_id: string | null }>(SQL.selectAccountTiers, [ids])
  const tiers = await tiersWithQualifying(db, ids, settings)
  return new Map(accounts.map((account) => [account.id, tierStatus(tiers.get(account.id) ?? [], account.tier_id)]))
}

/** Raises the account to the highest tier whose threshold it now meets; never lowers it. */
export async function raiseTierIfQualified(
  db: LedgerDb,
  accountId: string,
  settings: SettingsSource
): Promise<RaiseTierResult> {
  const account = await lockAccount(db, accountId)
  const tiers = (await tiersWithQualifying(db, [account.id], settings)).get(account.id) ?? []
  const current = tiers.find((tier) => tier.id === account.tier_id) ?? null
  const reached = [...tiers].reverse().find((tier) => tier.qualifying >= tier.threshold) ?? null
  if (!reached || (current && reached.rank <= current.rank)) {
    return { changed: false, previous_tier_id: account.tier_id, tier_id: account.tier_id, account: toAccountDTO(account) }
  }
  const [row] = await db.rows<AccountRow>(SQL.setAccountTier, [reached.id, account.id])
  return { changed: true, previous_tier_id: account.tier_id, tier_id: reached.id, account: toAccountDTO(row) }
}

/** Puts an account on a given tier, under its lock: the compensation of a tier change. */
export async function setAccountTier(db: LedgerDb, accountId: string, tierId: string | null): Promise<LedgerAccountDTO> {
  const account = await lockAccount(db, accountId)
  const [row] = await db.rows<AccountRow>(SQL.setAccountTier, [tierId, account.id])
  return toAccountDTO(row)
}
