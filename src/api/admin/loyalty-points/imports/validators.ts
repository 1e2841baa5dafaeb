import { z } from "@medusajs/framework/zod"
import { limitParam, OffsetParam } from "../../../utils/account-validators"
import { MAX_IMPORT_ROWS } from "../../../../workflows/imports/utils/validate-import-rows"

/**
 * One row: the cells of a CSV line or a JSON object. Points may arrive as text (a CSV
 * cell): every row's content is checked by the import itself, which answers each bad
 * row by number; the schema only bounds the shape.
 */
const ImportRow = z
  .object({
    customer_id: z.string().max(255).nullish(),
    email: z.string().max(320).nullish(),
    points: z.union([z.number(), z.string().max(32)]).nullish(),
    reason: z.string().max(255).nullish(),
    expires_at: z.string().max(64).nullish(),
  })
  .strict()

/** `{ rows, dry_run?, note? }`: 1 to 50,000 rows. */
export const AdminCreateLoyaltyImportSchema = z
  .object({
    rows: z
      .array(ImportRow, { error: "Field 'rows' must be a list of rows" })
      .min(1, { message: "Field 'rows' must hold at least one row" })
      .max(MAX_IMPORT_ROWS, { message: `Field 'rows' holds at most ${MAX_IMPORT_ROWS} rows` }),
    dry_run: z.boolean().optional(),
    note: z.string().trim().max(2000).nullish(),
  })
  .strict()
export type AdminCreateLoyaltyImport = z.infer<typeof AdminCreateLoyaltyImportSchema>

export const AdminListLoyaltyImportsSchema = z
  .object({
    status: z.enum(["pending", "pending_approval", "applied", "rejected"]).optional(),
    limit: limitParam(20),
    offset: OffsetParam,
  })
  .strict()
export type AdminListLoyaltyImportsParams = z.infer<typeof AdminListLoyaltyImportsSchema>

export const AdminReviewLoyaltyImportSchema = z.object({}).strict()
