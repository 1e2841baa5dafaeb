import {
  EntryContext,
  EntryType,
  LedgerAccountDTO,
  LedgerResult,
  ProgramSettings,
  ProgramSettingsPatch,
} from "../../../types"
import { LedgerDb, SqlValue } from "./db"
import { lifetimeChanges, tierChanges } from "./figures"
import { INSERT_CREDIT_LOT, takeFirstExpiring } from "./lots"
import { accountSettings, moneyValueAt } from "../programs"
import {
  ACCOUNT_COLUMNS,
  AccountRow,
  ENTRY_COLUMNS,
  EntryRow,
  keyReused,
  LockedAccountRow,
  newId,
  toAccountDTO,
  toEntryDTO,
} from "./rows"

/**
 * The one way an entry is written: `writeEntry` inserts it under its idempotency key
 * and, in the same statement, does what the entry does to the lots and to the
 * figures kept on the account. A key used before makes the statement change nothing;
 * `replay` answers the first result, or 409 when the key was used for another change.
 */

/**
 * The part of a credit of :balance_change that lifts the account `a` above zero: what
 * its lot holds. The rest pays debt and is recorded as `debt_paid` on the entry.
 */
const LOT_POINTS = `(GREATEST(a.balance + CAST(:balance_change AS integer), 0) - GREATEST(a.balance, 0))`

/**
 * An entry, unless its idempotency key was used: then nothing is inserted and the
 * statements built on it below change nothing and return no row.
 */
const INSERT_ENTRY_UNLESS_KEY_USED = `
    INSERT INTO loyalty_points_entry (
      id, account_id, program_id, type, points, balance_change, pending_change,
      money_amount, raw_money_amount, currency_code, actor_type, actor_id, reason, note,
      reference_type, reference_id, order_id, reversal_of_id, idempotency_key, metadata,
      tier_points_total, tier_amount_total, raw_tier_amount_total, created_at, updated_at)
    SELECT :id, :account_id, :program_id, :type, :points, :balance_change, :pending_change,
      :money_amount, :raw_money_amount, :currency_code, :actor_type, :actor_id, :reason, :note,
      :reference_type, :reference_id, :order_id, :reversal_of_id, :idempotency_key,
      CASE WHEN CAST(:records_debt_paid AS boolean) AND debt.paid > 0
        THEN COALESCE(CAST(:metadata AS jsonb), CAST('{}' AS jsonb)) || jsonb_build_object('debt_paid', debt.paid)
        ELSE CAST(:metadata AS jsonb) END,
      a.tier_points_total + CAST(:tier_points AS integer), t.amount,
      CASE WHEN t.amount IS NULL THEN NULL ELSE jsonb_build_object('value', CAST(t.amount AS text), 'precision', 20) END,
      clock_timestamp(), clock_timestamp()
    FROM loyalty_points_account a
    CROSS JOIN LATERAL (
      SELECT CASE WHEN CAST(:currency_code AS text) IS NULL THEN NULL
        ELSE COALESCE(CAST(a.tier_amounts_total ->> CAST(:currency_code AS text) AS numeric), 0) + CAST(:tier_amount AS numeric)
        END AS amount
    ) t
    CROSS JOIN LATERAL (SELECT CAST(:balance_change AS integer) - ${LOT_POINTS} AS paid) debt
    WHERE a.id = :account_id AND a.program_id = :program_id
      AND (CAST(:min_pending AS integer) IS NULL OR a.pending >= CAST(:min_pending AS integer))
      AND (CAST(:min_available AS integer) IS NULL OR a.balance - a.held >= CAST(:min_available AS integer))
      -- Uncorrelated (the programme is :program_id, checked above): evaluated once, not
      -- planned as a hashed subplan rebuilt on every write.
      AND (NOT CAST(:settings_checked AS boolean) OR EXISTS (
        SELECT 1 FROM loyalty_points_program p
        WHERE p.id = :program_id AND p.deleted_at IS NULL
          AND p.settings IS NOT DISTINCT FROM CAST(:program_settings AS jsonb)))
    ON CONFLICT (idempotency_key) WHERE deleted_at IS NULL DO NOTHING
    RETURNING ${ENTRY_COLUMNS}, tier_points_total, tier_amount_total`

/** The running totals the entry carries, kept on the account (see running-totals.ts). */
const KEEP_RUNNING_TOTALS = `
      entry_count = a.entry_count + 1,
      tier_points_total = entry.tier_points_total,
      tier_amounts_total = CASE WHEN entry.currency_code IS NULL THEN a.tier_amounts_total
        ELSE COALESCE(a.tier_amounts_total, CAST('{}' AS jsonb)) || jsonb_build_object(entry.currency_code, entry.tier_amount_total) END`

/** The account's figures changed by the entry's amounts (no entry: no change). */
const UPDATE_ACCOUNT_FROM_ENTRY = `
    UPDATE loyalty_points_account AS a SET
      balance = a.balance + :balance,
      pending = a.pending + :pending,
      held = a.held + :held,
      lifetime_earned = a.lifetime_earned + :earned,
      lifetime_redeemed = a.lifetime_redeemed + :redeemed,
      updated_at = now(),${KEEP_RUNNING_TOTALS}
    FROM entry
    WHERE a.id = entry.account_id
    RETURNING a.balance, a.pending, a.held, a.lifetime_earned, a.lifetime_redeemed, a.updated_at`

/** The entry's columns, and the account's changed figures prefixed `account_`. */
const SELECT_ENTRY_AND_ACCOUNT = `
    SELECT e.*, a.balance AS account_balance, a.pending AS account_pending, a.held AS account_held,
      a.lifetime_earned AS account_lifetime_earned, a.lifetime_redeemed AS account_lifetime_redeemed,
      a.updated_at AS account_updated_at
    FROM entry e CROSS JOIN account a`

/** One statement per kind of write, each run as a named prepared statement. */
const WRITES = {
  /**
   * The entry alone: it changes no figure (an expiry move, a pending earning the cap cut
   * to 0); only the account's running totals move.
   */
  record: `
    WITH entry AS (${INSERT_ENTRY_UNLESS_KEY_USED}),
    account AS (
      UPDATE loyalty_points_account AS a SET${KEEP_RUNNING_TOTALS}
      FROM entry
      WHERE a.id = entry.account_id
      RETURNING a.id
    )
    SELECT e.* FROM entry e CROSS JOIN account`,
  /** The entry and the account's figures. */
  figures: `
    WITH entry AS (${INSERT_ENTRY_UNLESS_KEY_USED}),
    account AS (${UPDATE_ACCOUNT_FROM_ENTRY})
    ${SELECT_ENTRY_AND_ACCOUNT}`,
  /**
   * A whole credit: the entry, its lot (when :lot_points > 0) and the account's figures.
   */
  credit: `
    WITH entry AS (${INSERT_ENTRY_UNLESS_KEY_USED}),
    lot AS (${INSERT_CREDIT_LOT}
    ),
    account AS (${UPDATE_ACCOUNT_FROM_ENTRY})
    ${SELECT_ENTRY_AND_ACCOUNT}`,
  /**
   * A whole debit: the entry, :from_lots points taken from the open lots first-expiring
   * first, the consumption records and the account's figures.
   */
  debit: `
    WITH entry AS (${INSERT_ENTRY_UNLESS_KEY_USED}),
    account AS (${UPDATE_ACCOUNT_FROM_ENTRY}),
    from_lots AS (
      -- As far as the balance before the debit (after it, less the debit) was backed by
      -- lots: below zero it is debt, taken from no lot.
      SELECT GREATEST(LEAST(-CAST(:balance AS integer), GREATEST(account.balance - CAST(:balance AS integer), 0)), 0) AS points
      FROM account
    ),
    ${takeFirstExpiring(
      // Each open lot holds at least 1 point: the first as many lots as points debited
      // are all the take can need, read from the open-lots index without a pass over the rest.
      `SELECT l.id, l.remaining, l.expires_at, l.created_at FROM loyalty_points_lot l
       WHERE l.account_id = :account_id AND l.remaining > 0 AND l.deleted_at IS NULL
         AND EXISTS (SELECT 1 FROM from_lots WHERE from_lots.points > 0)
       ORDER BY l.expires_at ASC NULLS LAST, l.created_at, l.id
       LIMIT -CAST(:balance_change AS integer)`,
      "(SELECT points FROM from_lots)"
    )},
    consumed AS (
      INSERT INTO loyalty_points_lot_consumption (id, account_id, entry_id, lot_id, points)
      -- Ids after the entry's (a ULID, so in time order) and the lot's place in the
      -- take: each lands at the end of the primary key, not at a random page of it.
      SELECT 'lpcon_' || substr(entry.id, strpos(entry.id, '_') + 1) || '_' || row_number() OVER (),
        entry.account_id, entry.id, taken.lot_id, taken.taken
      FROM taken CROSS JOIN entry
    )
    ${SELECT_ENTRY_AND_ACCOUNT}`,
}

const SQL = {
  selectEntryByKey: `SELECT * FROM loyalty_points_entry WHERE idempotency_key = ? AND deleted_at IS NULL`,
  selectEntryById: `SELECT * FROM loyalty_points_entry WHERE id = ? AND deleted_at IS NULL`,
  changeHeld: `
    UPDATE loyalty_points_account SET held = held + ?, updated_at = now() WHERE id = ?
    RETURNING ${ACCOUNT_COLUMNS}`,
}

/** What an entry records: who, why, and what it does to the balance and pending points. */
export type EntryChange = EntryContext & {
  type: EntryType
  points: number
  balance_change: number
  pending_change: number
  reversal_of_id?: string | null
}

/** What the entry does besides being recorded. */
export type EntryEffect =
  /** Nothing: the account's figures are left alone. */
  | { kind: "record" }
  /** The account's balance and pending points change by the entry's amounts, `held` by `held`. */
  | { kind: "figures"; held?: number }
  /**
   * A credit: a lot opens with its expiry for the part that lifts the balance above
   * zero; the rest pays debt and is recorded as `debt_paid` in the entry's metadata.
   */
  | { kind: "credit"; expires_at: Date | null; held?: number }
  /**
   * A debit: its points come out of the open lots first-expiring first, as far as the
   * balance is backed by lots (below zero it is debt); `held` is released.
   */
  | { kind: "debit"; held?: number }

/**
 * Conditions on the account the write statement checks itself, for a write sent with
 * its lock in one round trip (one-trip.ts): when one does not hold, nothing is written.
 * A write made after Node checked the locked row leaves them out.
 */
export type EntryConditions = {
  /** The account has at least this many pending points (a credit moving them). */
  min_pending?: number | null
  /** The account has at least this many points available (a debit without debt). */
  min_available?: number | null
  /** The programme's saved settings are still these (the expiry and money value were computed from them). */
  program_settings?: { stored: ProgramSettingsPatch | null }
}

type EntryWithAccountRow = EntryRow & {
  account_balance: number
  account_pending: number
  account_held: number
  account_lifetime_earned: number
  account_lifetime_redeemed: number
  account_updated_at: Date
}

/** A prepared statement and its bindings, ready for LedgerDb. */
export type LedgerStatement = { name: string; sql: string; bindings: Record<string, SqlValue> }

/**
 * The statement writing `entry` and its effect on the account `account` (locked by the
 * caller's transaction, or by the statement before it in the same round trip).
 * `settings`: the account's programme's settings, for the entry's money value.
 */
export function entryStatement(
  account: Pick<AccountRow, "id" | "program_id">,
  entry: EntryChange,
  effect: EntryEffect,
  settings: ProgramSettings | null,
  conditions: EntryConditions = {}
): LedgerStatement {
  const moneyAmount =
    entry.money_amount ?? (entry.currency_code && settings ? moneyValueAt(settings, entry.points, entry.currency_code) : null)
  const { earned, redeemed } = lifetimeChanges(entry.type, entry.balance_change)
  const tier = tierChanges(entry.type, entry.balance_change, entry.currency_code ?? null, entry.metadata)
  const { kind } = effect
  return {
    name: kind,
    sql: WRITES[kind],
    bindings: {
      lot_id: kind === "credit" ? newId("lplot") : null,
      expires_at: kind === "credit" ? effect.expires_at : null,
      held: kind === "record" ? 0 : (effect.held ?? 0),
      records_debt_paid: kind === "credit",
      min_pending: conditions.min_pending ?? null,
      min_available: conditions.min_available ?? null,
      settings_checked: Boolean(conditions.program_settings),
      program_settings: conditions.program_settings?.stored ? JSON.stringify(conditions.program_settings.stored) : null,
      id: newId("lpent"),
      account_id: account.id,
      program_id: account.program_id,
      type: entry.type,
      points: entry.points,
      balance_change: entry.balance_change,
      pending_change: entry.pending_change,
      money_amount: moneyAmount,
      raw_money_amount: moneyAmount === null ? null : JSON.stringify({ value: String(moneyAmount), precision: 20 }),
      currency_code: entry.currency_code?.toLowerCase() ?? null,
      actor_type: entry.actor_type ?? "system",
      actor_id: entry.actor_id ?? null,
      reason: entry.reason ?? null,
      note: entry.note ?? null,
      reference_type: entry.reference_type ?? null,
      reference_id: entry.reference_id ?? null,
      order_id: entry.order_id ?? null,
      reversal_of_id: entry.reversal_of_id ?? null,
      idempotency_key: entry.idempotency_key,
      metadata: entry.metadata ? JSON.stringify(entry.metadata) : null,
      balance: entry.balance_change,
      pending: entry.pending_change,
      earned,
      redeemed,
      tier_points: tier.points,
      tier_amount: tier.amount,
    },
  }
}

/**
 * What an entry statement answered, as a result: the entry, and the account as it was
 * locked (`account`) with the figures the statement changed. Null when it wrote nothing.
 */
export function entryResult(rows: unknown[], effect: EntryEffect, account: AccountRow): LedgerResult | null {
  const row = rows[0] as EntryWithAccountRow | undefined
  if (!row) {
    return null
  }
  if (effect.kind === "record") {
    return { entry: toEntryDTO(row), account: toAccountDTO(account), replayed: false }
  }
  const updated = toAccountDTO({
    ...account,
    balance: row.account_balance,
    pending: row.account_pending,
    held: row.account_held,
    lifetime_earned: row.account_lifetime_earned,
    lifetime_redeemed: row.account_lifetime_redeemed,
    updated_at: row.account_updated_at,
  })
  return { entry: toEntryDTO(row), account: updated, replayed: false }
}

/**
 * Writes an entry and its effect on a locked account in one statement. Returns null
 * when the entry's idempotency key was already used, in which case nothing changed.
 *
 * @example
 * const result = await writeEntry(db, account, { type: "earn_void", points: -5, balance_change: 0, pending_change: -5, idempotency_key }, { kind: "figures" })
 */
export async function writeEntry(
  db: LedgerDb,
  account: LockedAccountRow,
  entry: EntryChange,
  effect: EntryEffect
): Promise<LedgerResult | null> {
  const settings = entry.money_amount == null && entry.currency_code ? await accountSettings(db, account) : null
  const statement = entryStatement(account, entry, effect, settings)
  const rows = await db.preparedRows<EntryWithAccountRow>(statement.name, statement.sql, statement.bindings)
  return entryResult(rows, effect, account)
}

/** As writeEntry, for writes whose key was checked under the account lock: a used key is a 409. */
export async function writeNewEntry(
  db: LedgerDb,
  account: LockedAccountRow,
  entry: EntryChange,
  effect: EntryEffect
): Promise<LedgerResult> {
  const result = await writeEntry(db, account, entry, effect)
  if (!result) {
    throw keyReused(entry.idempotency_key)
  }
  return result
}

/** The entry written under an idempotency key, if any. */
export async function findEntryByKey(db: LedgerDb, key: string): Promise<EntryRow | undefined> {
  return await db.first<EntryRow>(SQL.selectEntryByKey, [key])
}

export async function findEntry(db: LedgerDb, entryId: string): Promise<EntryRow | undefined> {
  return await db.first<EntryRow>(SQL.selectEntryById, [entryId])
}

/**
 * When the idempotency key was used, returns the first result; refuses (409) a key
 * that was used for a different change.
 */
export async function replay(
  db: LedgerDb,
  key: string,
  account: AccountRow,
  type: EntryType,
  points: number
): Promise<LedgerResult | null> {
  const existing = await findEntryByKey(db, key)
  if (!existing) {
    return null
  }
  if (existing.account_id !== account.id || existing.type !== type || existing.points !== points) {
    throw keyReused(key)
  }
  return { entry: toEntryDTO(existing), account: toAccountDTO(account), replayed: true }
}

/** After a write found its idempotency key used: the first result, or 409 for another change. */
export async function replayAfterConflict(
  db: LedgerDb,
  key: string,
  account: AccountRow,
  type: EntryType,
  points: number
): Promise<LedgerResult> {
  const result = await replay(db, key, account, type, points)
  if (!result) {
    throw keyReused(key)
  }
  return result
}

/**
 * Changes the points an account holds for carts (holds are not entries: the points
 * stay the shopper's until a hold is converted into a `redeem` entry).
 */
export async function changeHeld(db: LedgerDb, accountId: string, held: number): Promise<LedgerAccountDTO> {
  const [row] = await db.rows<AccountRow>(SQL.changeHeld, [held, accountId])
  return toAccountDTO(row)
}
