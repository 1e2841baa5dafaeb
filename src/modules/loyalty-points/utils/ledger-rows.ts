import { generateEntityId, MedusaError } from "@medusajs/framework/utils"
import { LedgerAccountDTO, LedgerEntryDTO, LedgerHoldDTO } from "../../../types"

/** Largest number of points one operation may move: far above any real order. */
export const MAX_POINTS = 1_000_000_000

export function newId(prefix: string) {
  return generateEntityId(undefined, prefix)
}

export function assertPositiveInteger(value: unknown, field: string): asserts value is number {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0 || value > MAX_POINTS) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `${field} must be a whole number of points between 1 and ${MAX_POINTS}, got ${JSON.stringify(value)}`
    )
  }
}

export function assertNonNegativeInteger(value: unknown, field: string): asserts value is number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_POINTS) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `${field} must be a whole number between 0 and ${MAX_POINTS}, got ${JSON.stringify(value)}`
    )
  }
}

export function assertIdempotencyKey(value: unknown): asserts value is string {
  if (typeof value !== "string" || !value.trim() || value.length > 255) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "idempotency_key is required: a non-empty string of at most 255 characters"
    )
  }
}

/** A valid date, or `null` when given `null`; refuses anything unparseable. */
export function assertDate(value: Date | string | null, field: string): Date | null {
  if (value === null) {
    return null
  }
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `${field} must be a valid date, got ${JSON.stringify(value)}`)
  }
  return date
}

export function toAccountDTO(row: Record<string, any>): LedgerAccountDTO {
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

export function toEntryDTO(row: Record<string, any>): LedgerEntryDTO {
  return {
    id: row.id,
    account_id: row.account_id,
    program_id: row.program_id,
    type: row.type,
    points: row.points,
    balance_change: row.balance_change,
    pending_change: row.pending_change,
    money_amount: row.money_amount === null || row.money_amount === undefined ? null : Number(row.money_amount),
    currency_code: row.currency_code,
    actor_type: row.actor_type,
    actor_id: row.actor_id,
    reason: row.reason,
    note: row.note,
    reference_type: row.reference_type,
    reference_id: row.reference_id,
    order_id: row.order_id,
    reversal_of_id: row.reversal_of_id,
    idempotency_key: row.idempotency_key,
    metadata: row.metadata,
    created_at: row.created_at,
  }
}

export function toHoldDTO(row: Record<string, any>): LedgerHoldDTO {
  return {
    id: row.id,
    account_id: row.account_id,
    cart_id: row.cart_id,
    points: row.points,
    status: row.status,
    expires_at: row.expires_at,
    entry_id: row.entry_id,
    idempotency_key: row.idempotency_key,
    created_at: row.created_at,
  }
}
