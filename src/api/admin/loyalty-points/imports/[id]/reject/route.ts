import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { answerErrors } from "../../../../../utils/answer-errors"
import { importSummary } from "../../helpers"
import { rejectLoyaltyImportWorkflow } from "../../../../../../workflows/imports"

/** Rejects an import waiting for approval; 409 for any other status. */
export const POST = answerErrors(async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { result } = await rejectLoyaltyImportWorkflow(req.scope).run({
    input: { import_id: req.params.id, actor_id: req.auth_context.actor_id },
  })
  res.json({ import: importSummary(result) })
})
