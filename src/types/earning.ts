import { LedgerAccountDTO, LedgerEntryDTO } from "./ledger"

export type RecordPendingEarningInput = {
  account_id: string
  order_id: string
  /** The order's earnable points, before the per-customer daily cap. */
  points: number
  /** The programme's `max_points_per_customer_per_day`; null for no cap. */
  max_points_per_day?: number | null
  idempotency_key: string
  currency_code?: string | null
  reason?: string | null
  metadata?: Record<string, unknown> | null
}

export type RecordPendingEarningResult = {
  entry: LedgerEntryDTO
  account: LedgerAccountDTO
  /** The points recorded pending, after the daily cap. */
  points: number
  /** The points before the daily cap cut them, when it did. */
  capped_from: number | null
  replayed: boolean
}

export type SettleOrderEarningInput = {
  account_id: string
  order_id: string
  /** Money captured on the order so far, and the money it has to pay (major units). */
  captured_amount: number
  payable_amount: number
  currency_code?: string | null
  reference_type?: string | null
  reference_id?: string | null
  metadata?: Record<string, unknown> | null
}

export type SettleOrderEarningResult = {
  /** The `earn` entry written now; null when the order had nothing more to earn. */
  entry: LedgerEntryDTO | null
  account: LedgerAccountDTO
  /** The order's points made spendable in total after this call. */
  earned_total: number
  replayed: boolean
}

export type OrderPointsSummary = {
  earnable: number
  pending: number
  earned: number
  voided: number
  redeemed: number
  given_back: number
  /** Points that left the balance for refunds and the cancellation. */
  clawed_back: number
  /** Points clawed back on paper only: the balance was at zero and debt not allowed. */
  written_off: number
}

export type TierView = {
  id: string
  name: string
  rank: number
  threshold: number
  threshold_type: "points" | "spend"
  window_months: number
  earn_multiplier: number
  description: string | null
}

export type TierStatus = {
  tier: TierView | null
  next_tier: (TierView & { points_needed: number }) | null
  /** The qualifying figure over the next (or current) tier's window. */
  qualifying: number
}

export type RaiseTierResult = {
  changed: boolean
  previous_tier_id: string | null
  tier_id: string | null
  account: LedgerAccountDTO
}
