/** Bulk imports of points (`/admin/loyalty-points/imports`). */

export const IMPORT_STATUSES = ["pending", "pending_approval", "applied", "rejected"] as const
export type ImportStatus = (typeof IMPORT_STATUSES)[number]

/** One row as validated: the customer resolved, the row's number in the request (1-based). */
export type ImportRowDTO = {
  row: number
  customer_id: string
  email: string | null
  points: number
  reason: string
  expires_at: string | null
}

export type LoyaltyImportDTO = {
  id: string
  program_id: string
  status: ImportStatus
  row_count: number
  total_points: number
  rows: ImportRowDTO[]
  note: string | null
  created_by: string | null
  reviewed_by: string | null
  reviewed_at: Date | null
  applied_at: Date | null
  idempotency_key: string | null
  metadata: Record<string, unknown> | null
  created_at: Date
  updated_at: Date
}

export type ApplyImportInput = {
  import_id: string
  /** The admin applying it: its creator (no approval needed) or the approver. */
  actor_id: string | null
  /** True when a second admin approves a `pending_approval` import: the creator may not. */
  approval?: boolean
}

export type ApplyImportResult = {
  import: LoyaltyImportDTO
  /** Entries written this time: 0 when the import had been applied (a replay). */
  entries_written: number
  replayed: boolean
}

/** A row's problem, by the row's number in the request (1-based). */
export type ImportRowError = { row: number; message: string }
