import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ImportRowDTO, LOYALTY_POINTS_MODULE, LoyaltyImportDTO, type ILoyaltyPointsModuleService } from "../../../types"

export const createImportRecordStepId = "loyalty-points-create-import-record"

export type CreateImportRecordInput = {
  rows: ImportRowDTO[]
  total_points: number
  note?: string | null
  created_by: string | null
  idempotency_key?: string | null
}

/**
 * Stores the validated import: `pending`, or `pending_approval` when it has more rows
 * than the programme's `import_approval_rows`. Undone by deleting it.
 *
 * @example
 * const record = createImportRecordStep({ rows, total_points, created_by: "user_1" })
 */
export const createImportRecordStep = createStep(
  createImportRecordStepId,
  async (input: CreateImportRecordInput, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const program = await loyalty.retrieveDefaultProgram()
    const settings = await loyalty.getProgramSettings(program.id)
    const threshold = settings.import_approval_rows
    const record = await loyalty.createLoyaltyImports({
      program_id: program.id,
      status: threshold !== null && input.rows.length > threshold ? "pending_approval" : "pending",
      row_count: input.rows.length,
      total_points: input.total_points,
      rows: input.rows.map(({ row, customer_id, email, points, reason, expires_at }) => ({
        row,
        customer_id,
        email,
        points,
        reason,
        expires_at,
      })),
      note: input.note ?? null,
      created_by: input.created_by,
      idempotency_key: input.idempotency_key ?? null,
    } as unknown as Parameters<typeof loyalty.createLoyaltyImports>[0][number])
    return new StepResponse(record as unknown as LoyaltyImportDTO, record.id)
  },
  async (importId, { container }) => {
    if (!importId) {
      return
    }
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    await loyalty.deleteLoyaltyImports([importId])
  }
)
