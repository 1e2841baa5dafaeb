/**
 * Which form field a server error is about. Medusa's validation errors and the
 * plugin's own name the field in their message ("Field 'points' ...", "expires_at must
 * ..."), so the message is shown next to that field; otherwise it is a form error.
 */
export function fieldOfError<F extends string>(message: string, fields: readonly F[]): F | null {
  const lower = message.toLowerCase()
  // Longest names first, so `max_points_per_order` wins over `points`.
  const sorted = [...fields].sort((a, b) => b.length - a.length)
  for (const field of sorted) {
    const name = field.toLowerCase()
    const pattern = new RegExp(`(^|[^a-z_.])${name.replace(/[.]/g, "\\.")}($|[^a-z_])`)
    if (pattern.test(lower)) {
      return field
    }
  }
  return null
}

/** The message of an error thrown by the JS SDK (a FetchError) or anything else. */
export function errorMessage(error: unknown): string {
  if (error && typeof error === "object" && "message" in error) {
    return String((error as { message: unknown }).message)
  }
  return String(error)
}
