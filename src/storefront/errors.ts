/**
 * What went wrong, in terms a storefront acts on:
 * - `unauthorized` (401): the shopper is not signed in.
 * - `not_found` (404): no such cart, or not this shopper's.
 * - `invalid` (400): the request broke a rule (below the minimum, not a multiple of
 *   the step, above the cart's share, a wrong one-time code); `message` says which.
 * - `conflict` (409): not enough points any more, or the cart's hold is no longer valid
 *   (released, expired, spent): reload the cart's state.
 * - `otp_required` (403 on apply): a one-time code was sent; repeat with `otp`.
 */
export type LoyaltyPointsErrorKind =
  | "unauthorized"
  | "not_found"
  | "invalid"
  | "conflict"
  | "otp_required"
  | "forbidden"
  | "network"
  | "unknown"

export class LoyaltyPointsError extends Error {
  readonly kind: LoyaltyPointsErrorKind
  /** HTTP status; 0 when the request never got an answer. */
  readonly status: number

  constructor(kind: LoyaltyPointsErrorKind, status: number, message: string) {
    super(message)
    this.name = "LoyaltyPointsError"
    this.kind = kind
    this.status = status
  }
}

export function isLoyaltyPointsError(error: unknown): error is LoyaltyPointsError {
  return error instanceof LoyaltyPointsError || (error as { name?: unknown } | null)?.name === "LoyaltyPointsError"
}

/**
 * Turns what `sdk.client.fetch` throws (the JS SDK's `FetchError`: `status` and the
 * body's `message`; it drops the body's `type`) into a `LoyaltyPointsError`.
 */
export function toLoyaltyPointsError(error: unknown, context: { otpRoute?: boolean } = {}): LoyaltyPointsError {
  if (isLoyaltyPointsError(error)) {
    return error
  }
  const thrown = error as { status?: unknown; response?: { status?: unknown }; message?: unknown } | null | undefined
  const status = Number(thrown?.status ?? thrown?.response?.status ?? 0)
  const message = String(thrown?.message ?? "The request failed")
  const kind: LoyaltyPointsErrorKind =
    status === 400
      ? "invalid"
      : status === 401
        ? "unauthorized"
        : status === 403
          ? context.otpRoute
            ? "otp_required"
            : "forbidden"
          : status === 404
            ? "not_found"
            : status === 409
              ? "conflict"
              : status === 0
                ? "network"
                : "unknown"
  return new LoyaltyPointsError(kind, status, message)
}
