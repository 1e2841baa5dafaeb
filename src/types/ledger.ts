/** Every kind of change of points the ledger records. */
export const ENTRY_TYPES = [
  "earn_pending",
  "earn",
  "earn_void",
  "redeem",
  "redeem_reversal",
  "clawback",
  "expire",
  "adjust",
  "bonus",
  "import",
] as const
export type EntryType = (typeof ENTRY_TYPES)[number]

/** Entry types a credit (an increase of the spendable balance) may carry. */
export const CREDIT_TYPES = ["earn", "adjust", "bonus", "import", "redeem_reversal"] as const
export type CreditType = (typeof CREDIT_TYPES)[number]

/** Entry types a debit (a decrease of the spendable balance) may carry. */
export const DEBIT_TYPES = ["redeem", "clawback", "adjust", "import"] as const
export type DebitType = (typeof DEBIT_TYPES)[number]

export const ACTOR_TYPES = ["customer", "user", "system"] as const
export type ActorType = (typeof ACTOR_TYPES)[number]

export const HOLD_STATUSES = ["active", "released", "converted", "expired"] as const
export type HoldStatus = (typeof HOLD_STATUSES)[number]

/** Who did it, why, and what it refers to: carried by every entry. */
export type EntryContext = {
  /** Unique per intended change: the same key twice applies once. */
  idempotency_key: string
  actor_type?: ActorType
  actor_id?: string | null
  reason?: string | null
  note?: string | null
  reference_type?: string | null
  reference_id?: string | null
  order_id?: string | null
  /** Money value of the points at the redemption value of the day, major units. */
  money_amount?: number | null
  currency_code?: string | null
  metadata?: Record<string, unknown> | null
}

export type CreditPointsInput = EntryContext & {
  account_id: string
  points: number
  type?: CreditType
  /** When the lot expires; `null` never. Omitted: the programme's expiry policy. */
  expires_at?: Date | string | null
  /** Points of the account's `pending` this credit makes spendable (an `earn` of pending points). */
  from_pending?: number
}

export type DebitPointsInput = EntryContext & {
  account_id: string
  points: number
  type?: DebitType
  /** Lets the balance go below zero (a clawback of points already spent). */
  allow_debt?: boolean
  /**
   * Takes at most the points available when the debit is written (under the account
   * lock) instead of refusing more; the rest is recorded as `metadata.written_off`
   * (all of it, in an entry of 0 points, when nothing is available). Not with `allow_debt`.
   */
  up_to_available?: boolean
}

export type PendingPointsInput = EntryContext & {
  account_id: string
  points: number
}

export type HoldPointsInput = {
  account_id: string
  cart_id: string
  points: number
  idempotency_key: string
  expires_at?: Date | string | null
  metadata?: Record<string, unknown> | null
}

export type ReleaseHoldInput = {
  hold_id: string
  /** `released` (shopper or cart change) or `expired` (stale). */
  status?: "released" | "expired"
}

export type ConvertHoldInput = Omit<EntryContext, "idempotency_key"> & {
  hold_id: string
  /** Points actually discounted; at most the hold. The rest is released. Default: the hold. */
  points?: number
  idempotency_key?: string
}

export type ReversePointsInput = EntryContext & {
  entry_id: string
  points: number
  type?: "redeem_reversal" | "adjust"
  /** Days a given-back point stays spendable when its lot's date has passed. */
  grace_days?: number
}

export type ExpirePointsInput = {
  as_of?: Date | string
  /** Accounts per transaction (default 1,000). */
  batch_size?: number
  dry_run?: boolean
  /**
   * Stop after the batch that reaches this many accounts (default: go on until nothing
   * is due), so that a caller can work through a large run page by page, holding one
   * page at a time; `more` in the result says whether to call again. Ignored by a dry run.
   */
  max_accounts?: number
}

/** What one account lost (or, in a dry run, would lose) to an expiry run. */
export type ExpiredAccountDTO = {
  account_id: string
  customer_id: string
  /** The `expire` entry written; null in a dry run. */
  entry_id: string | null
  points: number
  lots: number
  /** The liability written off, in the programme's default currency. */
  money_amount: number | null
  /** The balance after the expiry; null in a dry run. */
  balance: number | null
}

export type ExpirePointsResult = {
  as_of: string
  /** How many accounts lost points. */
  accounts: number
  lots: number
  points: number
  money_amount: number
  currency_code: string | null
  dry_run: boolean
  /** Per account, by account id. */
  per_account: ExpiredAccountDTO[]
  /** The run stopped at `max_accounts` and points may still be due: call again. */
  more: boolean
}

/** An account as stored: the figures kept on its row (the generated list methods, `query.graph`). */
export type LoyaltyAccountRecord = {
  id: string
  program_id: string
  customer_id: string
  balance: number
  pending: number
  held: number
  lifetime_earned: number
  lifetime_redeemed: number
  tier_id: string | null
  referral_code: string | null
  /** `YYYY-MM-DD`, or null. */
  birthday?: string | null
  referrer_account_id?: string | null
  referred_at?: Date | null
  metadata?: Record<string, unknown> | null
  created_at: Date
  updated_at: Date
}

/**
 * The one account shape: the figures kept on the row and `available` (`balance - held`).
 * Every service method answers it; the account views (store, admin) are built on it.
 */
export type LedgerAccountDTO = Omit<LoyaltyAccountRecord, "metadata"> & {
  available: number
}

export type LedgerEntryDTO = {
  id: string
  account_id: string
  program_id: string
  type: EntryType
  points: number
  balance_change: number
  pending_change: number
  money_amount: number | null
  currency_code: string | null
  actor_type: ActorType
  actor_id: string | null
  reason: string | null
  note: string | null
  reference_type: string | null
  reference_id: string | null
  order_id: string | null
  reversal_of_id: string | null
  idempotency_key: string
  metadata: Record<string, unknown> | null
  created_at: Date
}

export type LedgerHoldDTO = {
  id: string
  account_id: string
  cart_id: string
  points: number
  status: HoldStatus
  expires_at: Date | null
  entry_id: string | null
  idempotency_key: string
  created_at: Date
}

/** What one operation did; `replayed` is true when the idempotency key had been used. */
export type LedgerResult = {
  entry: LedgerEntryDTO
  account: LedgerAccountDTO
  replayed: boolean
}

export type HoldResult = {
  hold: LedgerHoldDTO
  account: LedgerAccountDTO
  replayed: boolean
}

export type ConvertHoldResult = HoldResult & { entry: LedgerEntryDTO }

export type ReconcileVariance = {
  account_id: string
  field: "balance" | "pending" | "held" | "lots" | "lifetime_earned" | "lifetime_redeemed"
  recorded: number
  expected: number
}

export type ReconcileResult = {
  accounts_checked: number
  variances: ReconcileVariance[]
}
