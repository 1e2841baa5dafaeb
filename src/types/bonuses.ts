/** The bonuses the programme grants, each recorded as a `bonus` entry with this `reason`. */
export const BONUS_REASONS = ["signup", "birthday", "referrer", "referee"] as const
export type BonusReason = (typeof BONUS_REASONS)[number]

/**
 * The idempotency key of a bonus: one signup bonus per customer, one birthday bonus per
 * customer and calendar year, one referral bonus per referee and side.
 */
export const bonusKeys = {
  signup: (customerId: string) => `bonus:signup:${customerId}`,
  birthday: (customerId: string, year: number) => `bonus:birthday:${customerId}:${year}`,
  referrer: (refereeCustomerId: string) => `bonus:referrer:${refereeCustomerId}`,
  referee: (refereeCustomerId: string) => `bonus:referee:${refereeCustomerId}`,
}

/** One bonus to credit to a customer's account. */
export type GrantBonusInput = {
  customer_id: string
  reason: BonusReason
  points: number
  idempotency_key: string
  /** What the bonus refers to (an order for a referral bonus, a year for a birthday). */
  reference_type?: string | null
  reference_id?: string | null
  order_id?: string | null
  metadata?: Record<string, unknown> | null
}

/** What a bonus grant did; `replayed` when the bonus had been granted before. */
export type GrantBonusResult = {
  entry_id: string
  account_id: string
  customer_id: string
  reason: BonusReason
  points: number
  replayed: boolean
}

export type GrantSignupBonusWorkflowInput = { customer_id: string }

/** Payload of `loyalty_points.bonus_granted`. */
export type LoyaltyPointsBonusGrantedEventData = {
  /** The ledger entry. */
  id: string
  account_id: string
  customer_id: string
  reason: BonusReason
  points: number
}

export type SetAccountBirthdayInput = {
  account_id: string
  /** `YYYY-MM-DD`; null clears it (admins only). */
  birthday: string | null
  /** Lets a birthday already set be changed (admins); without it a second set is a 409. */
  overwrite?: boolean
}

export type SetAccountBirthdayResult = {
  account_id: string
  birthday: string | null
  /** The birthday before, for a compensation to put back. */
  previous: string | null
  changed: boolean
}

export type ListBirthdayBonusCandidatesInput = {
  /** `MM-DD` of the day whose birthdays are due. */
  month_day: string
  /** The calendar year the bonus is for (its idempotency key). */
  year: number
  limit?: number
  /** Keyset paging: accounts with a greater id. */
  after_id?: string | null
}

export type BirthdayBonusCandidate = { account_id: string; customer_id: string; birthday: string }

export type SetLoyaltyBirthdayWorkflowInput = {
  customer_id: string
  birthday: string | null
  /** Admins change a birthday already set; customers set it once. */
  overwrite?: boolean
}

export type GrantBirthdayBonusesWorkflowInput = {
  /** The day the run is for (default: now, UTC). */
  as_of?: Date | string
  /**
   * Days before `as_of` whose birthdays are still granted, so a missed or late run loses
   * no birthday (default 1). The key per year keeps it once.
   */
  catch_up_days?: number
  batch_size?: number
}

export type GrantBirthdayBonusesWorkflowOutput = {
  granted: number
  points: number
  customer_ids: string[]
}

export type RecordReferralInput = {
  /** The referee's account. */
  account_id: string
  /** The referrer's referral code, as the referee typed it (case and spaces ignored). */
  code: string
  /** The referee has placed an order already: too late to be referred. */
  has_orders: boolean
}

export type RecordReferralResult = {
  account_id: string
  referrer_account_id: string
  referrer_customer_id: string
  /** False when the same referrer was recorded before (a repeat). */
  changed: boolean
}

export type RecordReferralWorkflowInput = { customer_id: string; code: string }

/** What the referral workflow reads of an order: the first-order, capture and refund facts. */
export type ReferralOrderFacts = {
  order_id: string
  customer_id: string
  currency_code: string
  total: number
  captured_amount: number
  refunded_amount: number
  canceled: boolean
}

export type SettleReferralBonusesWorkflowInput = { order_id?: string | null; payment_id?: string | null }

export type SettleReferralBonusesResult = {
  granted: GrantBonusResult[]
  clawed_back: { entry_id: string; account_id: string; customer_id: string; points: number; written_off: number; order_id: string }[]
}
