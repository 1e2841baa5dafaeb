import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  AdminLoyaltyTierDeleteResponse,
  AdminLoyaltyTierResponse,
  LoyaltyTierDTO,
} from "../../../../../types/tiers-and-rules"
import { deleteTierWorkflow, updateTierWorkflow } from "../../../../../workflows/tiers"
import { AdminUpdateLoyaltyTierParams } from "../validators"
import { answerErrors } from "../../../../utils/answer-errors"

/** Updates the given fields of a tier; 404 when unknown, 409 when the new rank is taken. */
export const POST = answerErrors(async function POST(
  req: AuthenticatedMedusaRequest<AdminUpdateLoyaltyTierParams>,
  res: MedusaResponse<AdminLoyaltyTierResponse>
) {
  await updateTierWorkflow(req.scope).run({ input: { id: req.params.id, update: req.validatedBody } })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [tier],
  } = await query.graph({ entity: "loyalty_tier", fields: req.queryConfig.fields, filters: { id: req.params.id } })
  res.json({ tier: tier as LoyaltyTierDTO })
})

/** Deletes a tier; 404 when unknown. */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminLoyaltyTierDeleteResponse>) {
  await deleteTierWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "loyalty_tier", deleted: true })
}
