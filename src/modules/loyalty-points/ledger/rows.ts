import { MedusaError } from "@medusajs/framework/utils"
import { randomBytes } from "crypto"
import { factory as ulidFactory } from "ulid"
import { parseIsoDate } from "../../../utils/iso-date"
import {
  ActorType,
  EntryType,
  HoldStatus,
  LedgerAccountDTO,
  LedgerEntryDTO,
  LedgerHoldDTO,
  LoyaltyAccountRecord,
  ProgramSettingsPatch,
} from "../../../types"

/**
 * Rows as the ledger's SQL returns them, the one mapper of each into its DTO, and the
 * checks every input passes at the module boundary.
 */

/** The account columns toAccountDTO reads, listed so that a prepared statement's result type is fixed. */
export const ACCOUNT_COLUMNS = `id, program_id, customer_id, balance, pending, held, lifetime_earned,
  lifetime_redeemed, tier_id, referral_code, metadata, created_at, updated_at`

/** The entry columns toEntryDTO reads, listed so that a prepared statement's result type is fixed. */
export const ENTRY_COLUMNS = `id, account_id, program_id, type, points, balance_change, pending_change, money_amount,
  currency_code, actor_type, actor_id, reason, note, reference_type, reference_id, order_id, reversal_of_id,
  idempotency_key, metadata, created_at`

export type AccountRow = LoyaltyAccountRecord

/** An account row locked for a change, with its programme's saved settings (`program_found` null: programme gone). */
export type LockedAccountRow = AccountRow & {
  program_found: string | null
  program_settings: ProgramSettingsPatch | null
}

/** An entry as stored; `money_amount` arrives from PostgreSQL's numeric as a string. */
export type EntryRow = Omit<LedgerEntryDTO, "money_amount"> & { money_amount: string | number | null }

export type HoldRow = LedgerHoldDTO & { metadata: Record<string, unknown> | null }

/** Largest number of points one operation may move: far above any real order. */
export const MAX_POINTS = 1_000_000_000

/**
 * Random bytes drawn from the system's generator 4 KiB at a time: ulid's default asks
 * crypto for one byte per character (32 µs an id, two ids a credit, on this code's
 * hottest path); this one costs under 1 µs with the same randomness source.
 */
let randomPool = Buffer.alloc(0)
let randomAt = 0
const pooledUlid = ulidFactory(() => {
  if (randomAt >= randomPool.length) {
    randomPool = randomBytes(4096)
    randomAt = 0
  }
  return randomPool[randomAt++] / 0x100
})

/** An id as Medusa's generateEntityId makes them: `prefix_` and a ULID. */
export function newId(prefix: string) {
  return `${prefix}_${pooledUlid()}`
}

/**
 * The one account mapper: a stored account (a SQL row, a `query.graph` record or a
 * generated method's result) as the module answers it.
 *
 * @example
 * const account = toAccountDTO(row) // { ..., balance: 120, held: 20, available: 100 }
 */
export function toAccountDTO(row: AccountRow): LedgerAccountDTO {
  return {
    id: row.id,
    program_id: row.program_id,
    customer_id: row.customer_id,
    balance: row.balance,
    pending: row.pending,
    held: row.held,
    available: row.balance - row.held,
    lifetime_earned: row.lifetime_earned,
    lifetime_redeemed: row.lifetime_redeemed,
    tier_id: row.tier_id ?? null,
    referral_code: row.referral_code ?? null,
    created_at: row.created_at,
    updated_at: row.updated_at,
  }
}

/**
 * The one entry mapper: a stored entry (a SQL row or a `query.graph` record) as the
 * module and the routes answer it, `money_amount` as a number.
 *
 * @example
 * const entry = toEntryDTO(row)
 */
export function toEntryDTO(row: EntryRow): LedgerEntryDTO {
  return {
    id: row.id,
    account_id: row.account_id,
    program_id: row.program_id,
    type: row.type as EntryType,
    points: row.points,
    balance_change: row.balance_change,
    pending_change: row.pending_change,
    money_amount: row.money_amount === null || row.money_amount === undefined ? null : Number(row.money_amount),
    currency_code: row.currency_code ?? null,
    actor_type: row.actor_type as ActorType,
    actor_id: row.actor_id ?? null,
    reason: row.reason ?? null,
    note: row.note ?? null,
    reference_type: row.reference_type ?? null,
    reference_id: row.reference_id ?? null,
    order_id: row.order_id ?? null,
    reversal_of_id: row.reversal_of_id ?? null,
    idempotency_key: row.idempotency_key,
    metadata: row.metadata ?? null,
    created_at: row.created_at,
  }
}

/**
 * A stored hold as the module answers it.
 *
 * @example
 * const hold = toHoldDTO(row)
 */
export function toHoldDTO(row: HoldRow): LedgerHoldDTO {
  return {
    id: row.id,
    account_id: row.account_id,
    cart_id: row.cart_id,
    points: row.points,
    status: row.status as HoldStatus,
    expires_at: row.expires_at,
    entry_id: row.entry_id,
    idempotency_key: row.idempotency_key,
    created_at: row.created_at,
  }
}

/* ------------------------------------------------------------------ input checks */

export function assertPositiveInteger(value: unknown, field: string): asserts value is number {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0 || value > MAX_POINTS) {
    throw invalid(`${field} must be a whole number of points between 1 and ${MAX_POINTS}, got ${JSON.stringify(value)}`)
  }
}

export function assertNonNegativeInteger(value: unknown, field: string): asserts value is number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_POINTS) {
    throw invalid(`${field} must be a whole number between 0 and ${MAX_POINTS}, got ${JSON.stringify(value)}`)
  }
}

export function assertIdempotencyKey(value: unknown): asserts value is string {
  if (typeof value !== "string" || !value.trim() || value.length > 255) {
    throw invalid("idempotency_key is required: a non-empty string of at most 255 characters")
  }
}

/**
 * A valid date, or `null` when given `null`. A string must be an ISO 8601 date whose day
 * exists: `new Date` alone would read 2030-02-30 as 2 March and prose as a date.
 */
export function assertDate(value: Date | string | null, field: string): Date | null {
  if (value === null) {
    return null
  }
  const date = value instanceof Date ? value : parseIsoDate(value)
  if (!date || Number.isNaN(date.getTime())) {
    throw invalid(`${field} must be a valid date, got ${JSON.stringify(value)}`)
  }
  return date
}

/** A non-negative, finite amount of money (major units). */
export function assertAmount(value: unknown, field: string): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw invalid(`${field} must be a non-negative amount`)
  }
}

/** A required, non-blank string. */
export function assertRequired(value: unknown, field: string): asserts value is string {
  if (typeof value !== "string" || !value.trim()) {
    throw invalid(`${field} is required`)
  }
}

/* ------------------------------------------------------------------ errors */

export function invalid(message: string) {
  return new MedusaError(MedusaError.Types.INVALID_DATA, message)
}

export function accountNotFound(accountId: string) {
  return new MedusaError(MedusaError.Types.NOT_FOUND, `Loyalty account ${accountId} was not found`)
}

export function notEnoughPoints(available: number, requested: number) {
  return new MedusaError(
    MedusaError.Types.CONFLICT,
    `Not enough points: ${Math.max(available, 0)} available, ${requested} requested`
  )
}

export function keyReused(key: string) {
  return new MedusaError(MedusaError.Types.CONFLICT, `Idempotency key "${key}" was already used for a different change`)
}
