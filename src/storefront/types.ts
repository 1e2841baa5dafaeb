/**
 * Response types of the plugin's store routes, for storefronts. Self-contained on
 * purpose: a storefront imports them without any of Medusa's server packages.
 * Money is in the currency's major unit; points are integers.
 */

export type StoreLoyaltyTier = {
  id: string
  name: string
  /** Earn multiplier of the tier (Gold +20% = 1.2), threshold, perks: as the admin set them. */
  [field: string]: unknown
}

export type StoreLoyaltyNextTier = StoreLoyaltyTier & {
  /** Qualifying points still needed to reach the tier. */
  points_needed: number
}

export type StoreLoyaltyExpiring = { expires_at: string; points: number }

export type StoreLoyaltyAccount = {
  id: string
  customer_id: string
  /** Spendable points (may be negative after a clawback). */
  balance: number
  /** balance - held: what a cart can spend now. */
  available: number
  /** Reserved by carts until they complete. */
  held: number
  /** Earned on orders not paid yet. */
  pending: number
  lifetime_earned: number
  lifetime_redeemed: number
  tier: StoreLoyaltyTier | null
  next_tier: StoreLoyaltyNextTier | null
  /** Open points by expiry day, soonest first. */
  expiring: StoreLoyaltyExpiring[]
  referral_code: string | null
  /** Money per point in `currency_code`; null when points cannot be spent in it. */
  redemption_value: number | null
  currency_code: string
  [field: string]: unknown
}

export type StoreLoyaltyEntryType =
  | "earn_pending"
  | "earn"
  | "earn_void"
  | "redeem"
  | "redeem_reversal"
  | "clawback"
  | "expire"
  | "adjust"
  | "bonus"
  | "import"

export type StoreLoyaltyEntry = {
  id: string
  type: StoreLoyaltyEntryType | string
  /** Signed points. */
  points: number
  money_amount: number | null
  currency_code: string | null
  reason: string | null
  order_id: string | null
  created_at: string
  /** A shopper-facing line, when the plugin has one. */
  description?: string | null
  [field: string]: unknown
}

export type StoreLoyaltyVoucher = {
  code: string
  points: number
  amount: number
  currency_code: string
  /** In the list; the answer to creating one may leave these out. */
  expires_at?: string | null
  used?: boolean
  [field: string]: unknown
}

/** The cart's loyalty state (`{ loyalty_points }` of the cart routes). */
export type StoreCartLoyaltyPoints = {
  cart_id: string
  currency_code: string
  /** The shopper's available points. */
  available: number
  /** Most points this cart can take (programme limits, the items' total, available + this cart's hold). */
  max_redeemable_points: number
  applied_points: number
  /** What the points take off the cart, major units. */
  discount_amount: number
  /** Points this cart earns as it stands (after the points discount, with the tier multiplier). */
  earnable_points: number
  /** When this cart's hold on the points lapses unless the cart completes. */
  hold_expires_at: string | null
  /** Whether a points discount is on the cart (backed by its hold). */
  applied?: boolean
  /** What the discount line shows instead of the code: "Loyalty points". */
  label?: string
  /** The cart's points promotion code while applied (`LPTS-...`). */
  code?: string | null
  /** false when another plugin holds a hook redemption needs; the reason says which. */
  redemption_available?: boolean
  redemption_unavailable_reason?: string
  [field: string]: unknown
}

/** The guest route: what a cart would earn if its shopper signs in. */
export type StoreCartEarnablePoints = {
  cart_id: string
  currency_code: string
  /** Base points, before a tier multiplier. */
  earnable_points: number
  reason: "no_earn_rate" | "below_minimum" | "nothing_earnable" | null | string
}

export type StoreLoyaltyAccountResponse = { loyalty_account: StoreLoyaltyAccount }
export type StoreLoyaltyEntriesResponse = { entries: StoreLoyaltyEntry[]; count: number; limit: number; offset: number }
export type StoreLoyaltyVouchersResponse = { vouchers: StoreLoyaltyVoucher[] }
export type StoreLoyaltyVoucherResponse = { voucher: StoreLoyaltyVoucher }
export type StoreCartLoyaltyPointsResponse = { loyalty_points: StoreCartLoyaltyPoints }
export type StoreCartEarnablePointsResponse = { loyalty_points: StoreCartEarnablePoints }

export type StoreLoyaltyAccountParams = { currency_code?: string }
export type StoreLoyaltyEntriesParams = { limit?: number; offset?: number }
export type StoreApplyLoyaltyPointsBody = { points: number; otp?: string }
export type StoreCreateLoyaltyVoucherBody = { points: number; currency_code: string; otp?: string }
