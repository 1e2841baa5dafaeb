import { MedusaError } from "@medusajs/framework/utils"
import { REDEMPTION_UNAVAILABLE } from "../../workflows/redemption/utils/loyalty-promotion"

export { REDEMPTION_UNAVAILABLE }

/** `code` of the 403 answered when a redemption needs a one-time code. */
export const OTP_REQUIRED_CODE = "otp_required"

/** `code` of the 429 answered once an account was sent its one-time codes for the hour. */
export const OTP_RATE_LIMITED_CODE = "otp_rate_limited"

type Handler<Req, Res> = (req: Req, res: Res) => Promise<void> | void

/** What `res.status()` returns: something that answers JSON. */
type JsonAnswer = { json: (body: never) => unknown }

/** The same, as this file answers: with a JSON object. */
type ObjectAnswer = { status: (code: number) => { json: (body: object) => unknown } }

/**
 * Wraps one of the plugin's routes so the answers a shopper or admin must read keep
 * their message under any application error handler (the store's own, or Medusa's
 * default, which replaces a conflict's message with a generic one):
 * - a conflict (not enough points, a reused Idempotency-Key, a duplicate rank) answers
 *   409 `{ type: "conflict", code, message }`;
 * - a redemption that needs a one-time code answers 403 `{ type: "otp_required", code: "otp_required", message }`;
 * - once an account was sent `otp.max_codes_per_hour` codes: 429 `{ type: "too_many_requests", code: "otp_rate_limited", message }`
 *   (Medusa's error types have no 429);
 * - redemption without its completion guard answers 503 `{ type: "unavailable", code: "redemption_unavailable", message }`.
 * Everything else goes to the application's error handler unchanged. The errors
 * themselves are Medusa's types with a machine-readable `code`, so a caller of the
 * workflows (no route) gets the same information.
 */
export function answerErrors<Req, Res extends { status: (code: number) => JsonAnswer; headersSent?: boolean }>(
  handler: Handler<Req, Res>
): (req: Req, res: Res) => Promise<void> {
  return async (req, res) => {
    try {
      await handler(req, res)
    } catch (error) {
      if (!res.headersSent && answerKnownError(error, res as unknown as ObjectAnswer)) {
        return
      }
      throw error
    }
  }
}

function answerKnownError(error: unknown, res: ObjectAnswer) {
  const known = error as { type?: string; name?: string; code?: string; message?: string } | null | undefined
  const type = known?.type ?? known?.name
  const code = known?.code
  const message = known?.message
  if (code === OTP_REQUIRED_CODE || type === OTP_REQUIRED_CODE) {
    res.status(403).json({ type: OTP_REQUIRED_CODE, code: OTP_REQUIRED_CODE, message })
    return true
  }
  if (code === OTP_RATE_LIMITED_CODE) {
    res.status(429).json({ type: "too_many_requests", code: OTP_RATE_LIMITED_CODE, message })
    return true
  }
  if (code === REDEMPTION_UNAVAILABLE) {
    res.status(503).json({ type: "unavailable", code: REDEMPTION_UNAVAILABLE, message })
    return true
  }
  if (type === MedusaError.Types.CONFLICT) {
    res.status(409).json({ type: "conflict", code: code ?? "invalid_state_error", message })
    return true
  }
  return false
}
