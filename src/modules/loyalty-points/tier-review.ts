import { ProgramSettings, TierDropDTO } from "../../types"
import { LedgerDb } from "./ledger/db"
import { SettingsSource, tiersWithQualifying } from "./tiers"

/**
 * The nightly tier review: tiers go up at once on the qualifying event (tiers.ts); they
 * come down here. An account whose qualifying figure over its tier's rolling window is
 * below the tier's threshold is marked (`tier_below_since`); once it has stayed below
 * for the programme's `tier_retention_days` it moves down to the highest tier it still
 * qualifies for (or none). An account that qualifies again is unmarked. Clawbacks count
 * (they are qualifying entries with negative points), so a refunded order can cost the
 * tier it bought.
 */

const DAY_MS = 24 * 60 * 60 * 1000

const SQL = {
  /** The next :limit accounts after :after that have a tier or a mark, locked in id order. */
  lockBatch: `
    SELECT id, customer_id, tier_id, tier_below_since FROM loyalty_points_account
    WHERE (tier_id IS NOT NULL OR tier_below_since IS NOT NULL) AND deleted_at IS NULL AND id > ?
    ORDER BY id
    LIMIT ?
    FOR UPDATE`,
  /** Applies each account's review; the locks taken above make the read and this write one decision. */
  apply: `
    UPDATE loyalty_points_account AS a
    SET tier_id = v.tier_id, tier_below_since = v.below_since, updated_at = now()
    FROM unnest(CAST(:ids AS text[]), CAST(:tier_ids AS text[]), CAST(:below_since AS timestamptz[])) AS v(id, tier_id, below_since)
    WHERE a.id = v.id`,
}

type ReviewedAccount = { id: string; customer_id: string; tier_id: string | null; tier_below_since: Date | null }

export type TierReviewBatch = {
  as_of: Date
  after: string
  limit: number
  settings: ProgramSettings
}

export type TierReviewBatchResult = {
  /** The last account id of the batch (the next batch starts after it); null when none. */
  last_id: string | null
  reviewed: number
  newly_below: number
  recovered: number
  dropped: TierDropDTO[]
}

/**
 * Reviews one batch of accounts in one transaction: locks them (id order), measures
 * their qualifying figures as of `as_of` in one query and writes only the accounts
 * whose tier or mark changes. Running it again for the same `as_of` changes nothing.
 */
export async function reviewTierBatch(db: LedgerDb, batch: TierReviewBatch): Promise<TierReviewBatchResult> {
  await db.setLockTimeout()
  const accounts = await db.rows<ReviewedAccount>(SQL.lockBatch, [batch.after, batch.limit])
  const result: TierReviewBatchResult = {
    last_id: accounts.length ? accounts[accounts.length - 1].id : null,
    reviewed: accounts.length,
    newly_below: 0,
    recovered: 0,
    dropped: [],
  }
  if (!accounts.length) {
    return result
  }
  const settings: SettingsSource = async () => batch.settings
  const tiers = await tiersWithQualifying(
    db,
    accounts.map((account) => account.id),
    settings,
    batch.as_of
  )
  const retentionMs = batch.settings.tier_retention_days * DAY_MS
  const changes: { id: string; tier_id: string | null; below_since: Date | null }[] = []
  for (const account of accounts) {
    const ladder = tiers.get(account.id) ?? []
    const current = ladder.find((tier) => tier.id === account.tier_id)
    if (!current) {
      // No tier (a mark left behind) or a tier that no longer exists: nothing to hold on to.
      if (account.tier_below_since) {
        changes.push({ id: account.id, tier_id: account.tier_id, below_since: null })
      }
      continue
    }
    if (current.qualifying >= current.threshold) {
      if (account.tier_below_since) {
        result.recovered++
        changes.push({ id: account.id, tier_id: account.tier_id, below_since: null })
      }
      continue
    }
    const belowSince = account.tier_below_since ? new Date(account.tier_below_since) : batch.as_of
    if (batch.as_of.getTime() - belowSince.getTime() < retentionMs) {
      if (!account.tier_below_since) {
        result.newly_below++
        changes.push({ id: account.id, tier_id: account.tier_id, below_since: belowSince })
      }
      continue
    }
    const reached =
      [...ladder].reverse().find((tier) => tier.rank < current.rank && tier.qualifying >= tier.threshold) ?? null
    changes.push({ id: account.id, tier_id: reached?.id ?? null, below_since: null })
    result.dropped.push({
      account_id: account.id,
      customer_id: account.customer_id,
      previous_tier_id: current.id,
      tier_id: reached?.id ?? null,
      below_since: belowSince,
    })
  }
  if (changes.length) {
    await db.rows(SQL.apply, {
      ids: changes.map((change) => change.id),
      tier_ids: changes.map((change) => change.tier_id),
      below_since: changes.map((change) => change.below_since?.toISOString() ?? null),
    })
  }
  return result
}
