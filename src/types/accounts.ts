import { ActorType, EntryContext, LedgerAccountDTO, LedgerEntryDTO } from "./ledger"

/* ------------------------------------------------------------------ service */

/** Points of open lots that expire on one day. */
export type ExpiringPointsDTO = {
  /** The first moment points of that day expire. */
  expires_at: Date
  points: number
}

/** One lot whose expiry an expiry move changed. */
export type LotExpiryMoveDTO = {
  lot_id: string
  remaining: number
  previous_expires_at: Date | null
  expires_at: Date | null
}

export type MoveLotsExpiryInput = EntryContext & {
  account_id: string
  /**
   * The new expiry of every open lot (remaining > 0) of the account; `null` never
   * expires. Ignored when `lots` is given.
   */
  expires_at?: Date | string | null
  /**
   * Moves exactly these lots, each to its own date: how a move is undone (the
   * compensation of an adjustment puts back the dates the move recorded).
   */
  lots?: { lot_id: string; expires_at: Date | string | null }[]
}

/** What an expiry move did: its `adjust` entry of 0 points and the lots it moved. */
export type MoveLotsExpiryResult = {
  entry: LedgerEntryDTO
  account: LedgerAccountDTO
  /** Empty when `replayed`: the first call moved them. */
  lots: LotExpiryMoveDTO[]
  replayed: boolean
}

/* ------------------------------------------------------------------ workflows */

export type AdjustLoyaltyPointsWorkflowInput = {
  customer_id: string
  /**
   * Signed whole points: > 0 credits (opens a lot), < 0 debits (first-expiring lots
   * first, never below `available`), 0 moves the expiry of the open lots to `expires_at`.
   */
  points: number
  /** Why: a short reason code or phrase, required. */
  reason: string
  note?: string | null
  /** Expiry of the credited lot, or the new expiry of an expiry move. Must lie in the future. */
  expires_at?: Date | string | null
  /** Unique per intended adjustment: the same key twice adjusts once. */
  idempotency_key: string
  actor_type?: ActorType
  actor_id?: string | null
  metadata?: Record<string, unknown> | null
}

export type AdjustLoyaltyPointsWorkflowOutput = {
  entry: LedgerEntryDTO
  account: LedgerAccountDTO
  /** True when the idempotency key had been used: nothing changed this time. */
  replayed: boolean
  /** Lots an expiry move changed (0 for credits and debits, and for a replay). */
  lots_moved: number
}

/** Payload of `loyalty_points.adjusted`. */
export type LoyaltyPointsAdjustedEventData = {
  /** The ledger entry. */
  id: string
  account_id: string
  customer_id: string
  points: number
  reason: string | null
  actor_type: ActorType
  actor_id: string | null
  /** Set for an expiry move (points 0) and for a credit given an explicit expiry. */
  expires_at: string | null
}

/* ------------------------------------------------------------------ views (HTTP shapes) */

export type LoyaltyTierView = {
  id: string
  name: string
  [field: string]: unknown
}

export type LoyaltyNextTierView = LoyaltyTierView & {
  /** Qualifying points still needed to reach the tier. */
  points_needed: number
}

export type LoyaltyAccountTierView = {
  tier: LoyaltyTierView | null
  next_tier: LoyaltyNextTierView | null
}

export type LoyaltyAccountCustomerView = {
  id: string
  email: string | null
  first_name: string | null
  last_name: string | null
}

/**
 * The account as the store and admin routes answer it (DESIGN.md "Shapes"): the one
 * account shape (`LedgerAccountDTO`) with its tier, expiring points and redemption value.
 */
export type LoyaltyAccountView = Omit<LedgerAccountDTO, "created_at" | "updated_at"> &
  LoyaltyAccountTierView & {
    /** `YYYY-MM-DD`, set once by the customer (admins may change it); the birthday bonus falls on it. */
    birthday: string | null
    /** Open lots by expiry day, soonest first. */
    expiring: { expires_at: string; points: number }[]
    /** Money per point in `currency_code`, major units; `null` when the programme has none for it. */
    redemption_value: number | null
    currency_code: string
    created_at: Date | string
    updated_at: Date | string
    /** Admin routes only. */
    customer?: LoyaltyAccountCustomerView | null
  }

/** A ledger entry as the routes answer it (DESIGN.md "Shapes"): the entry DTO without its programme and reversal links. */
export type LoyaltyEntryView = Omit<LedgerEntryDTO, "program_id" | "reversal_of_id" | "created_at"> & {
  created_at: Date | string
}

/**
 * A ledger entry as the shopper sees it: their points, never staff data (admin notes,
 * admin ids, idempotency keys, internal metadata stay in the admin routes).
 */
export type StoreLoyaltyEntryView = {
  id: string
  type: LedgerEntryDTO["type"]
  points: number
  money_amount: number | null
  currency_code: string | null
  reason: string | null
  order_id: string | null
  created_at: Date | string
  /** A shopper-facing line for the entry ("Points earned on an order"). */
  description?: string
}

/* ------------------------------------------------------------------ HTTP */

export type StoreLoyaltyAccountResponse = {
  loyalty_account: LoyaltyAccountView
}

export type StoreLoyaltyEntriesResponse = {
  entries: StoreLoyaltyEntryView[]
  count: number
  limit: number
  offset: number
}

export type AdminLoyaltyAccountResponse = {
  entries: LoyaltyEntryView[]
  count: number
  limit: number
  offset: number
  loyalty_account: LoyaltyAccountView
}

export type AdminLoyaltyAccountListResponse = {
  loyalty_accounts: LoyaltyAccountView[]
  count: number
  limit: number
  offset: number
}

export type AdminLoyaltyAdjustmentResponse = {
  loyalty_account: LoyaltyAccountView
  entry: LoyaltyEntryView
}
