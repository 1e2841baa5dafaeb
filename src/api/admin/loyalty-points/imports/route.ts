import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { answerErrors } from "../../../utils/answer-errors"
import { MedusaError } from "@medusajs/framework/utils"
import { LOYALTY_POINTS_MODULE, LoyaltyImportDTO, type ILoyaltyPointsModuleService } from "../../../../types"
import { createLoyaltyImportWorkflow, validateImportRows } from "../../../../workflows/imports"
import { IMPORT_SUMMARY_FIELDS, importSummary } from "./helpers"
import { AdminCreateLoyaltyImport, AdminListLoyaltyImportsParams } from "./validators"

const MAX_IDEMPOTENCY_KEY_LENGTH = 200

/** Imports, newest first; `?status=pending_approval` lists those waiting for a second admin. */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, AdminListLoyaltyImportsParams>,
  res: MedusaResponse
) {
  const { status, limit, offset } = req.validatedQuery
  const loyalty = req.scope.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const [imports, count] = await loyalty.listAndCountLoyaltyImports(status ? { status } : {}, {
    // Never the rows: an import holds up to 50,000 of them.
    select: [...IMPORT_SUMMARY_FIELDS],
    skip: offset,
    take: limit,
    order: { created_at: "DESC", id: "DESC" },
  })
  res.json({ imports: (imports as unknown as LoyaltyImportDTO[]).map(importSummary), count, limit, offset })
}

/**
 * Imports points: every row is checked first and a bad row answers 400 with
 * `errors: [{ row, message }]` and changes nothing. `dry_run` answers (200) what every
 * good row would do and every bad row's error (`valid: false`), and changes nothing. Otherwise the import is stored and applied at once,
 * all rows or none, one ledger entry per row; above the programme's
 * `import_approval_rows` it waits as `pending_approval` for another admin. With an
 * `Idempotency-Key` header a repeat answers the first import and changes nothing.
 */
export const POST = answerErrors(async function POST(req: AuthenticatedMedusaRequest<AdminCreateLoyaltyImport>, res: MedusaResponse) {
  const { rows, dry_run, note } = req.validatedBody
  const idempotencyKey = importIdempotencyKey(req.get("idempotency-key"))
  const loyalty = req.scope.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  if (idempotencyKey && !dry_run) {
    const [existing] = await loyalty.listLoyaltyImports({ idempotency_key: idempotencyKey }, { take: 1 })
    if (existing) {
      res.json({ import: importSummary(existing as unknown as LoyaltyImportDTO), replayed: true })
      return
    }
  }

  const validation = await validateImportRows(req.scope, rows)
  const settings = await loyalty.getProgramSettings()
  const threshold = settings.import_approval_rows
  const outcome = {
    row_count: rows.length,
    total_points: validation.total_points,
    requires_approval: threshold !== null && rows.length > threshold,
    approval_threshold: threshold,
  }
  if (dry_run) {
    // The dry run is a question ("what would this import do?"): its answer lists the bad rows too.
    res.json({ dry_run: true, valid: !validation.errors.length, ...outcome, rows: validation.rows, errors: validation.errors })
    return
  }
  if (validation.errors.length) {
    res.status(400).json({
      type: MedusaError.Types.INVALID_DATA,
      message: `The import has ${validation.errors.length} bad row(s): nothing was applied`,
      errors: validation.errors,
    })
    return
  }
  try {
    const { result } = await createLoyaltyImportWorkflow(req.scope).run({
      input: { rows, note, actor_id: req.auth_context.actor_id, idempotency_key: idempotencyKey },
    })
    res.json({ import: importSummary(result.import), entries_written: result.applied?.entries_written ?? 0 })
  } catch (error) {
    // A concurrent repeat with the same key stored its import first: answer that one.
    const [existing] = idempotencyKey
      ? await loyalty.listLoyaltyImports({ idempotency_key: idempotencyKey }, { take: 1 })
      : []
    if (!existing) {
      throw error
    }
    res.json({ import: importSummary(existing as unknown as LoyaltyImportDTO), replayed: true })
  }
})

function importIdempotencyKey(header: string | undefined) {
  if (header === undefined) {
    return null
  }
  const key = header.trim()
  if (!key || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Idempotency-Key header must be a non-empty text of at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`
    )
  }
  return `import:${key}`
}
