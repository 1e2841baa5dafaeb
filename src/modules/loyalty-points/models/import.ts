import { model } from "@medusajs/framework/utils"
import { IMPORT_STATUSES } from "../../../types/imports"

/**
 * A bulk import of points: its rows as validated (customer resolved), who asked for it
 * and who approved or rejected it. Applied all at once, in one transaction, one ledger
 * entry per row (`import:<id>:<row>` keys); an import above the programme's
 * `import_approval_rows` waits as `pending_approval` for a second admin.
 */
const LoyaltyImport = model
  .define(
    { name: "LoyaltyImport", tableName: "loyalty_points_import" },
    {
      id: model.id({ prefix: "lpimp" }).primaryKey(),
      program_id: model.text(),
      status: model.enum([...IMPORT_STATUSES]),
      row_count: model.number(),
      total_points: model.bigNumber(),
      rows: model.json(),
      note: model.text().nullable(),
      created_by: model.text().nullable(),
      reviewed_by: model.text().nullable(),
      reviewed_at: model.dateTime().nullable(),
      applied_at: model.dateTime().nullable(),
      idempotency_key: model.text().nullable(),
      metadata: model.json().nullable(),
    }
  )
  .indexes([
    { on: ["idempotency_key"], unique: true, where: "idempotency_key IS NOT NULL" },
    { on: ["status", "created_at"] },
  ])

export default LoyaltyImport
