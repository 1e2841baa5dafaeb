import { MedusaError } from "@medusajs/framework/utils"
import { AdjustLoyaltyPointsWorkflowInput } from "../../../types"
import { parseIsoDate } from "../../../utils/iso-date"

/** Largest number of points one adjustment may move, as the ledger allows. */
export const MAX_ADJUSTMENT_POINTS = 1_000_000_000
export const MAX_REASON_LENGTH = 255
export const MAX_NOTE_LENGTH = 2000

/**
 * Refuses an adjustment that breaks the contract, naming the field: points a signed
 * whole number (0 only with `expires_at`), a reason, `expires_at` a valid date in the
 * future (as a string, ISO 8601 with a day that exists) and only on a credit or an expiry move. Pure, so the route's schema and the
 * workflow agree on one set of rules.
 *
 * @example
 * assertValidAdjustment({ customer_id: "cus_1", points: 0, reason: "goodwill", expires_at: "2030-01-01", idempotency_key: "k" })
 */
export function assertValidAdjustment(input: AdjustLoyaltyPointsWorkflowInput, now: Date = new Date()): void {
  const fail: (message: string) => never = (message) => {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, message)
  }
  if (typeof input.customer_id !== "string" || !input.customer_id.trim()) {
    fail("customer_id is required")
  }
  const points = input.points
  if (typeof points !== "number" || !Number.isInteger(points) || Math.abs(points) > MAX_ADJUSTMENT_POINTS) {
    fail(`points must be a whole number between -${MAX_ADJUSTMENT_POINTS} and ${MAX_ADJUSTMENT_POINTS}, got ${JSON.stringify(points)}`)
  }
  if (typeof input.reason !== "string" || !input.reason.trim() || input.reason.length > MAX_REASON_LENGTH) {
    fail(`reason is required: a non-empty text of at most ${MAX_REASON_LENGTH} characters`)
  }
  if (input.note != null && (typeof input.note !== "string" || input.note.length > MAX_NOTE_LENGTH)) {
    fail(`note must be a text of at most ${MAX_NOTE_LENGTH} characters`)
  }
  if (typeof input.idempotency_key !== "string" || !input.idempotency_key.trim() || input.idempotency_key.length > 255) {
    fail("idempotency_key is required: a non-empty text of at most 255 characters")
  }
  if (input.expires_at != null) {
    const expiresAt = input.expires_at instanceof Date ? input.expires_at : parseIsoDate(String(input.expires_at))
    if (!expiresAt || Number.isNaN(expiresAt.getTime())) {
      fail(`expires_at must be a valid date, got ${JSON.stringify(input.expires_at)}`)
    }
    if (expiresAt.getTime() <= now.getTime()) {
      fail("expires_at must lie in the future")
    }
    if (points < 0) {
      fail("expires_at applies to a credit (points > 0) or an expiry move (points 0), not to a debit")
    }
  } else if (points === 0) {
    fail("expires_at is required when points is 0: a zero adjustment moves the expiry of the open lots")
  }
}
