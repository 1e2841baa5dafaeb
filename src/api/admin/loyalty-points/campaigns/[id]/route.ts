import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  AdminLoyaltyCampaignDeleteResponse,
  AdminLoyaltyCampaignResponse,
  LoyaltyCampaignDTO,
} from "../../../../../types"
import { deleteCampaignWorkflow, updateCampaignWorkflow } from "../../../../../workflows/campaigns"
import { AdminUpdateLoyaltyCampaignParams } from "../validators"

/** Updates the given fields of a campaign; 404 when unknown, 400 when the result is invalid. */
export async function POST(
  req: AuthenticatedMedusaRequest<AdminUpdateLoyaltyCampaignParams>,
  res: MedusaResponse<AdminLoyaltyCampaignResponse>
) {
  await updateCampaignWorkflow(req.scope).run({ input: { id: req.params.id, update: req.validatedBody } })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [campaign],
  } = await query.graph({ entity: "loyalty_campaign", fields: req.queryConfig.fields, filters: { id: req.params.id } })
  res.json({ campaign: campaign as LoyaltyCampaignDTO })
}

/** Deletes a campaign; 404 when unknown. */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminLoyaltyCampaignDeleteResponse>) {
  await deleteCampaignWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "loyalty_campaign", deleted: true })
}
