import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ApplyImportResult, LoyaltyImportDTO } from "../../../types"
import { applyImportStep } from "../steps/apply-import"
import { createImportRecordStep } from "../steps/create-import-record"
import { validateImportStep } from "../steps/validate-import"
import { RawImportRow } from "../utils/validate-import-rows"

export const createLoyaltyImportWorkflowId = "loyalty-points-create-import"

export type CreateLoyaltyImportWorkflowInput = {
  rows: RawImportRow[]
  note?: string | null
  /** The admin importing. */
  actor_id: string | null
  idempotency_key?: string | null
}

export type CreateLoyaltyImportWorkflowOutput = {
  import: LoyaltyImportDTO
  applied: ApplyImportResult | null
}

/**
 * Imports points in bulk: validates every row (400 and nothing stored when one is
 * bad), stores the import, and applies it at once (every row one `import` entry, all
 * in one transaction) unless it has more rows than the programme's
 * `import_approval_rows`: then it waits as `pending_approval` for another admin.
 *
 * @example
 * const { result } = await createLoyaltyImportWorkflow(container).run({
 *   input: { rows: [{ email: "ada@example.com", points: 500, reason: "migration" }], actor_id: "user_1" },
 * })
 */
export const createLoyaltyImportWorkflow = createWorkflow(
  createLoyaltyImportWorkflowId,
  function (input: CreateLoyaltyImportWorkflowInput) {
    const validation = validateImportStep({ rows: input.rows })
    const recordInput = transform({ input, validation }, ({ input, validation }) => ({
      rows: validation.rows,
      total_points: validation.total_points,
      note: input.note ?? null,
      created_by: input.actor_id,
      idempotency_key: input.idempotency_key ?? null,
    }))
    const record = createImportRecordStep(recordInput)
    const applied = when({ record }, ({ record }) => record.status === "pending").then(() =>
      applyImportStep(transform({ record, input }, ({ record, input }) => ({ import_id: record.id, actor_id: input.actor_id })))
    )
    const output = transform({ record, applied }, ({ record, applied }) => ({
      import: applied?.import ?? record,
      applied: applied ?? null,
    }))
    return new WorkflowResponse(output)
  }
)
