import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { ExpirePointsResult } from "../../../../types"
import { expireLoyaltyPointsWorkflow } from "../../../../workflows/expiry"
import { AdminRunExpiry } from "./validators"

/**
 * Runs the expiry now, as of `as_of` (default now). A dry run answers, per account
 * and in total, the points and money that would expire and changes nothing; a real
 * run answers what it expired and emits `loyalty_points.expired` per account.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminRunExpiry>,
  res: MedusaResponse<{ expiry: ExpirePointsResult }>
) => {
  const { result } = await expireLoyaltyPointsWorkflow(req.scope).run({
    input: { as_of: req.validatedBody.as_of, dry_run: req.validatedBody.dry_run },
  })
  res.json({ expiry: result })
}
