import { errorHandler, MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

const defaultErrorHandler = errorHandler()

/** The plugin's routes: every path with a `loyalty-points` segment. */
const LOYALTY_ROUTE = /\/loyalty-points(\/|$|\?)/

/**
 * Medusa's error handler answers every 409 with a generic "conflicted with another
 * request" message. For this plugin's routes a conflict is "not enough points" or "hold
 * no longer valid", which the shopper or admin must read, so those keep their message.
 * A redemption that needs a one-time code answers 403 `otp_required`.
 * Every other error, and every other route, goes to Medusa's own handler unchanged.
 */
export function loyaltyPointsErrorHandler(
  error: any,
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) {
  const type = error?.type ?? error?.name
  if (type === "otp_required") {
    res.status(403).json({ type: "otp_required", code: "otp_required", message: error.message })
    return
  }
  if (type === MedusaError.Types.CONFLICT && LOYALTY_ROUTE.test(req.originalUrl ?? req.url ?? "")) {
    res.status(409).json({ type: "conflict", code: "invalid_state_error", message: error.message })
    return
  }
  return defaultErrorHandler(error, req, res, next)
}
