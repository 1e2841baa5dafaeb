import { toLoyaltyPointsError } from "./errors"
import type {
  StoreApplyLoyaltyPointsBody,
  StoreCartEarnablePointsResponse,
  StoreCartLoyaltyPointsResponse,
  StoreCreateLoyaltyVoucherBody,
  StoreLoyaltyAccountParams,
  StoreLoyaltyAccountResponse,
  StoreLoyaltyEntriesParams,
  StoreLoyaltyEntriesResponse,
  StoreLoyaltyVoucherResponse,
  StoreLoyaltyVouchersResponse,
} from "./types"

/**
 * The part of Medusa's JS SDK (`new Medusa({ baseUrl, publishableKey, auth })`) the kit
 * uses: `sdk.client.fetch`, which adds the publishable key and the shopper's token.
 */
export type MedusaSdkLike = {
  client: {
    fetch<T>(
      input: string,
      init?: { method?: string; headers?: Record<string, string | null>; body?: Record<string, unknown>; query?: Record<string, unknown>; [option: string]: unknown }
    ): Promise<T>
  }
}

/** Extra headers (a Next.js server action passes the shopper's token here) and an idempotency key. */
export type LoyaltyRequestOptions = {
  headers?: Record<string, string>
  /** Sent as `Idempotency-Key`: a retry with the same key changes nothing twice. */
  idempotencyKey?: string
  /** More fetch options, passed through the SDK to `fetch` (Next.js: `{ next: { tags }, cache: "force-cache" }`). */
  fetchOptions?: Record<string, unknown>
}

async function call<T>(
  sdk: MedusaSdkLike,
  path: string,
  init: { method?: string; body?: Record<string, unknown>; query?: Record<string, unknown> },
  options: LoyaltyRequestOptions = {},
  otpRoute = false
): Promise<T> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) }
  if (options.idempotencyKey) {
    headers["Idempotency-Key"] = options.idempotencyKey
  }
  try {
    return await sdk.client.fetch<T>(path, { ...(options.fetchOptions ?? {}), ...init, headers })
  } catch (error) {
    throw toLoyaltyPointsError(error, { otpRoute })
  }
}

const cartPath = (cartId: string) => `/store/carts/${encodeURIComponent(cartId)}/loyalty-points`
const ME = "/store/customers/me/loyalty-points"

/**
 * The signed-in shopper's account: balance, available, held, pending, tier and next tier,
 * expiring points, and the redemption value in `currency_code`.
 *
 * @example
 * const { loyalty_account } = await retrieveLoyaltyAccount(sdk, { currency_code: "usd" })
 */
export function retrieveLoyaltyAccount(sdk: MedusaSdkLike, params: StoreLoyaltyAccountParams = {}, options?: LoyaltyRequestOptions) {
  return call<StoreLoyaltyAccountResponse>(sdk, ME, { method: "GET", query: params }, options)
}

/**
 * The shopper's points history, newest first (`limit` 1-100, default 20).
 *
 * @example
 * const { entries, count } = await listLoyaltyEntries(sdk, { limit: 10, offset: 0 })
 */
export function listLoyaltyEntries(sdk: MedusaSdkLike, params: StoreLoyaltyEntriesParams = {}, options?: LoyaltyRequestOptions) {
  return call<StoreLoyaltyEntriesResponse>(sdk, `${ME}/entries`, { method: "GET", query: params }, options)
}

/**
 * The shopper's vouchers (codes made from points), newest first.
 *
 * @example
 * const { vouchers } = await listLoyaltyVouchers(sdk)
 */
export function listLoyaltyVouchers(sdk: MedusaSdkLike, options?: LoyaltyRequestOptions) {
  return call<StoreLoyaltyVouchersResponse>(sdk, `${ME}/vouchers`, { method: "GET" }, options)
}

/**
 * Turns points into a single-use discount code.
 *
 * @example
 * const { voucher } = await createLoyaltyVoucher(sdk, { points: 500, currency_code: "usd" }, { idempotencyKey })
 */
export function createLoyaltyVoucher(sdk: MedusaSdkLike, body: StoreCreateLoyaltyVoucherBody, options?: LoyaltyRequestOptions) {
  return call<StoreLoyaltyVoucherResponse>(sdk, `${ME}/vouchers`, { method: "POST", body }, options)
}

/**
 * The cart's points: what the shopper can apply, what is applied, the discount, what the
 * cart earns. The cart must be the signed-in shopper's (404 otherwise).
 *
 * @example
 * const { loyalty_points } = await retrieveCartLoyaltyPoints(sdk, cart.id)
 */
export function retrieveCartLoyaltyPoints(sdk: MedusaSdkLike, cartId: string, options?: LoyaltyRequestOptions) {
  return call<StoreCartLoyaltyPointsResponse>(sdk, cartPath(cartId), { method: "GET" }, options)
}

/**
 * Holds `points` for the cart and applies their discount, replacing an earlier
 * application. Throws `LoyaltyPointsError` with kind `otp_required` (repeat with `otp`),
 * `conflict` (not enough points), `invalid` (a programme limit).
 *
 * @example
 * const { loyalty_points } = await applyLoyaltyPoints(sdk, cart.id, { points: 500 })
 */
export function applyLoyaltyPoints(
  sdk: MedusaSdkLike,
  cartId: string,
  body: StoreApplyLoyaltyPointsBody,
  options?: LoyaltyRequestOptions
) {
  return call<StoreCartLoyaltyPointsResponse>(sdk, cartPath(cartId), { method: "POST", body }, options, true)
}

/**
 * Takes the points discount off the cart and releases the hold.
 *
 * @example
 * await removeLoyaltyPoints(sdk, cart.id)
 */
export function removeLoyaltyPoints(sdk: MedusaSdkLike, cartId: string, options?: LoyaltyRequestOptions) {
  return call<StoreCartLoyaltyPointsResponse>(sdk, cartPath(cartId), { method: "DELETE" }, options)
}

/**
 * What a cart would earn if its shopper signs in (no sign-in needed; read-only).
 *
 * @example
 * const { loyalty_points } = await retrieveCartEarnablePoints(sdk, cart.id)
 * // "Sign in to earn 42 points with this order"
 */
export function retrieveCartEarnablePoints(sdk: MedusaSdkLike, cartId: string, options?: LoyaltyRequestOptions) {
  return call<StoreCartEarnablePointsResponse>(sdk, `${cartPath(cartId)}/earnable`, { method: "GET" }, options)
}

/** The plugin's promotion codes (`LPTS-` cart discounts): a storefront shows them as "Loyalty points". */
export function isLoyaltyPointsCode(code: string | null | undefined): boolean {
  return typeof code === "string" && /^LPTS-/i.test(code)
}

export const LOYALTY_POINTS_LABEL = "Loyalty points"
