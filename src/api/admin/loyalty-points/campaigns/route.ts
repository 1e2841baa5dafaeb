import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  AdminLoyaltyCampaignListResponse,
  AdminLoyaltyCampaignResponse,
  LOYALTY_POINTS_MODULE,
  LoyaltyCampaignDTO,
  type ILoyaltyPointsModuleService,
} from "../../../../types"
import { createCampaignWorkflow } from "../../../../workflows/campaigns"
import { AdminCreateLoyaltyCampaignParams, AdminGetLoyaltyCampaignsParams } from "./validators"

/** The default programme's campaigns, latest start first. */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, AdminGetLoyaltyCampaignsParams>,
  res: MedusaResponse<AdminLoyaltyCampaignListResponse>
) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const loyalty = req.scope.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const program = await loyalty.retrieveDefaultProgram()
  const { data: campaigns } = await query.graph({
    entity: "loyalty_campaign",
    fields: req.queryConfig.fields,
    filters: { program_id: program.id },
    pagination: { order: { starts_at: "DESC", id: "ASC" } },
  })
  res.json({ campaigns: campaigns as LoyaltyCampaignDTO[] })
}

/** Creates a campaign; 400 for bad dates or unknown tiers, sales channels or rules. */
export async function POST(
  req: AuthenticatedMedusaRequest<AdminCreateLoyaltyCampaignParams>,
  res: MedusaResponse<AdminLoyaltyCampaignResponse>
) {
  const { result } = await createCampaignWorkflow(req.scope).run({ input: req.validatedBody })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [campaign],
  } = await query.graph({ entity: "loyalty_campaign", fields: req.queryConfig.fields, filters: { id: result.id } })
  res.json({ campaign: campaign as LoyaltyCampaignDTO })
}
