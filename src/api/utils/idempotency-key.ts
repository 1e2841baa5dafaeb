import { randomUUID } from "crypto"
import { MedusaError } from "@medusajs/framework/utils"

const MAX_IDEMPOTENCY_KEY_LENGTH = 200

/** Who sent a request: shoppers and admins have separate key namespaces. */
export type IdempotencyScope = "store" | "admin"

/**
 * The ledger key of a request: its route (`kind`), the caller's side (`store` or
 * `admin`) and the subject it changes, then the caller's `Idempotency-Key` (or a fresh
 * one). The header is always last, after fixed parts no caller chooses, so no header a
 * shopper sends (say `admin:x`) can land on a key an admin's request makes: a shopper's
 * key starts `kind:store:`, an admin's `kind:admin:`.
 *
 * @example
 * const key = requestIdempotencyKey("voucher", "store", customerId, req.get("Idempotency-Key"))
 * // "voucher:store:cus_123:abc"
 */
export function requestIdempotencyKey(kind: string, scope: IdempotencyScope, subject: string, header: string | undefined) {
  return `${kind}:${scope}:${subject}:${idempotencyHeader(header)}`
}

/** The caller's `Idempotency-Key`, checked (400 when blank or too long), or a fresh random key when absent. */
export function idempotencyHeader(header: string | undefined) {
  if (header === undefined) {
    return randomUUID()
  }
  const key = header.trim()
  if (!key || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Idempotency-Key header must be a non-empty text of at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`
    )
  }
  return key
}
