import { LoyaltyImportDTO } from "../../../../types"

/** The fields of an import without its rows (up to 50,000 of them). */
export const IMPORT_SUMMARY_FIELDS = [
  "id",
  "program_id",
  "status",
  "row_count",
  "total_points",
  "note",
  "created_by",
  "reviewed_by",
  "reviewed_at",
  "applied_at",
  "created_at",
  "updated_at",
] as const

/** An import without its rows, as lists show it. */
export const importSummary = ({ rows: _rows, ...summary }: LoyaltyImportDTO) => ({
  ...summary,
  total_points: Number(summary.total_points),
})

