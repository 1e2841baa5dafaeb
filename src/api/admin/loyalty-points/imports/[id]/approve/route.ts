import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { answerErrors } from "../../../../../utils/answer-errors"
import { importSummary } from "../../helpers"
import { approveLoyaltyImportWorkflow } from "../../../../../../workflows/imports"

/**
 * Approves an import waiting for approval and applies it (all rows or none). 403 for
 * the admin who created it, 409 once rejected; approving an applied import again
 * answers it and changes nothing.
 */
export const POST = answerErrors(async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { result } = await approveLoyaltyImportWorkflow(req.scope).run({
    input: { import_id: req.params.id, actor_id: req.auth_context.actor_id },
  })
  res.json({ import: importSummary(result.import), entries_written: result.entries_written, replayed: result.replayed })
})
