import { MedusaError } from "@medusajs/framework/utils"

/**
 * Two requests can pass the rank check at the same time; the unique index on
 * (program_id, rank) then refuses the second. Medusa reports that as a generic
 * "already exists" (400); this gives it the same 409 and message as the check.
 */
export function rethrowDuplicateRank(rank: number | undefined) {
  return (error: { message?: unknown; code?: string; type?: string } | null | undefined): never => {
    const message = String(error?.message ?? "")
    const duplicateRank =
      error?.code === "23505" || (error?.type === MedusaError.Types.INVALID_DATA && /rank.*already exists/i.test(message))
    if (duplicateRank && rank !== undefined) {
      throw new MedusaError(MedusaError.Types.CONFLICT, `Field 'rank': rank ${rank} is already used by another tier`)
    }
    throw error
  }
}
