import { randomBytes } from "crypto"

/** What the plugin records on a points promotion's metadata. */
export type LoyaltyPromotionMetadata = {
  loyalty_points?: { cart_id?: string; hold_id?: string; points?: number; [key: string]: unknown }
}

/** Every promotion code the plugin creates starts with this; no one else's should. */
export const LOYALTY_CODE_PREFIX = "LPTS-"
export const LOYALTY_CAMPAIGN_IDENTIFIER = "loyalty-points"
/** What a storefront shows for the points discount instead of its code (promotion `metadata.label`). */
export const LOYALTY_POINTS_LABEL = "Loyalty points"
/** Error `code` while points redemption lacks its completion guard (HTTP 503). */
export const REDEMPTION_UNAVAILABLE = "redemption_unavailable"
/** Error `code` when a completion finds the points discount beyond the limits and lowers it. */
export const POINTS_DISCOUNT_RECAPPED = "loyalty_points_recapped"

/** Voucher codes: usable by whoever holds them, so not restricted like cart codes. */
export const VOUCHER_CODE_PREFIX = "LPV-"

/** 20 random base32 characters (100 bits): a code nobody can guess. */
function randomCode(prefix: string) {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
  const bytes = randomBytes(20)
  return prefix + Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join("")
}

export function newLoyaltyCode() {
  return randomCode(LOYALTY_CODE_PREFIX)
}

export function newVoucherCode() {
  return randomCode(VOUCHER_CODE_PREFIX)
}

export function isLoyaltyCode(code: string | null | undefined) {
  return typeof code === "string" && code.toUpperCase().startsWith(LOYALTY_CODE_PREFIX)
}

/** Money for points at the redemption value, rounded to the currency (see utils/money.ts). */
export { pointsToMoney } from "../../../utils/money"

/** The points a discount amount stands for: the smallest number that pays for it. */
export function moneyToPoints(amount: number, valuePerPoint: number) {
  return Math.ceil(amount / valuePerPoint - 1e-6)
}
