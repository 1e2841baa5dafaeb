import { ActorType, LedgerResult } from "./ledger"

export type ReserveVoucherInput = {
  account_id: string
  customer_id: string
  points: number
  /** The voucher's code, derived from the account and the key (`voucherCodeFor`). */
  code: string
  /** The money the code is worth, rounded down to the currency's precision. */
  amount: number
  currency_code: string
  /** When the voucher expires (ISO text or Date). */
  expires_at: Date | string
  /** The request's ledger key: a repeat of the request answers the first debit. */
  idempotency_key: string
  actor_type: ActorType
  actor_id: string | null
}

export type ReservedVoucher = LedgerResult & {
  /** The request's points were given back: it failed after its debit, its code is dead. */
  given_back: boolean
}

/** A voucher as the routes answer it (`{ voucher }`, `{ vouchers }`). */
export type LoyaltyVoucherView = {
  code: string
  points: number
  amount: number
  currency_code: string
  expires_at: string | null
  used: boolean
  entry_id: string
  created_at: Date | string
}
