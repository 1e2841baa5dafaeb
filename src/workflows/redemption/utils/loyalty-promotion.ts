import { createHash, randomBytes } from "crypto"

/** What the plugin records on a points promotion's metadata. */
export type LoyaltyPromotionMetadata = {
  loyalty_points?: { cart_id?: string; hold_id?: string; points?: number; [key: string]: unknown }
}

/** Every promotion code the plugin creates starts with this; no one else's should. */
export const LOYALTY_CODE_PREFIX = "LPTS-"
export const LOYALTY_CAMPAIGN_IDENTIFIER = "loyalty-points"
/** What a storefront shows for the points discount instead of its code (promotion `metadata.label`). */
export const LOYALTY_POINTS_LABEL = "Loyalty points"
/**
 * Marks the plugin's own calls of `updateCartPromotionsWorkflow` (apply, remove,
 * re-cap), which manage the hold themselves: the promotions hook then only checks.
 */
export const LOYALTY_INTERNAL_CHANGE = "loyalty_points_internal"
/** Error `code` while points redemption lacks its completion guard (HTTP 503). */
export const REDEMPTION_UNAVAILABLE = "redemption_unavailable"
/** Error `code` when a completion finds the points discount beyond the limits and lowers it. */
export const POINTS_DISCOUNT_RECAPPED = "loyalty_points_recapped"

/** Voucher codes: usable only by the customer they were made for (promotion rule `customer.id`), until they expire. */
export const VOUCHER_CODE_PREFIX = "LPV-"

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

/** 20 base32 characters (100 bits) from the bytes. */
function codeFrom(prefix: string, bytes: Uint8Array) {
  return prefix + Array.from(bytes.subarray(0, 20), (byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]).join("")
}

/** 20 random base32 characters (100 bits): a code nobody can guess. */
function randomCode(prefix: string) {
  return codeFrom(prefix, randomBytes(20))
}

export function newLoyaltyCode() {
  return randomCode(LOYALTY_CODE_PREFIX)
}

/**
 * The code of the voucher a request makes: derived from the account and the request's
 * ledger key, so every replay of the request names the same code and no request can
 * mint a second one. Knowing it gives nothing to anyone else: a voucher works only for
 * its own customer.
 *
 * @example
 * voucherCodeFor("lpacc_123", "voucher:store:cus_123:abc") // "LPV-..."
 */
export function voucherCodeFor(accountId: string, idempotencyKey: string) {
  return codeFrom(VOUCHER_CODE_PREFIX, createHash("sha256").update(`${accountId}\n${idempotencyKey}`).digest())
}

export function isLoyaltyCode(code: string | null | undefined) {
  return typeof code === "string" && code.toUpperCase().startsWith(LOYALTY_CODE_PREFIX)
}

/** Money for points at the redemption value, rounded to the currency (see utils/money.ts). */
export { pointsToMoney } from "../../../utils/money"

/** The number of decimals of a currency (2 for USD, 0 for JPY, 3 for KWD). */
export function currencyPrecision(currencyCode: string) {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency: currencyCode.toUpperCase() }).resolvedOptions()
      .maximumFractionDigits ?? 2
  } catch {
    return 2
  }
}

/**
 * Money for points at the redemption value, rounded down to the currency's precision:
 * a voucher is never worth more than its points.
 *
 * @example
 * pointsToMoneyDown(333, 0.015, "usd") // 4.99
 */
export function pointsToMoneyDown(points: number, valuePerPoint: number, currencyCode: string) {
  const factor = 10 ** currencyPrecision(currencyCode)
  return Math.floor(points * valuePerPoint * factor + 1e-6) / factor
}

/** The points a discount amount stands for: the smallest number that pays for it. */
export function moneyToPoints(amount: number, valuePerPoint: number) {
  return Math.ceil(amount / valuePerPoint - 1e-6)
}
