import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { ILoyaltyPointsModuleService } from "../../../../types"
import { LOYALTY_POINTS_MODULE } from "../../../../types/module"
import {
  AdminLoyaltyTierListResponse,
  AdminLoyaltyTierResponse,
  LoyaltyTierDTO,
} from "../../../../types/tiers-and-rules"
import { createTierWorkflow } from "../../../../workflows/tiers"
import { AdminCreateLoyaltyTierParams, AdminGetLoyaltyTiersParams } from "./validators"
import { answerErrors } from "../../../utils/answer-errors"

/** The default programme's tiers, lowest rank first. */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, AdminGetLoyaltyTiersParams>,
  res: MedusaResponse<AdminLoyaltyTierListResponse>
) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const loyalty = req.scope.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const program = await loyalty.retrieveDefaultProgram()
  const { data: tiers } = await query.graph({
    entity: "loyalty_tier",
    fields: req.queryConfig.fields,
    filters: { program_id: program.id },
    pagination: { order: { rank: "ASC" } },
  })
  res.json({ tiers: tiers as LoyaltyTierDTO[] })
}

/** Creates a tier; 409 when its rank is taken. */
export const POST = answerErrors(async function POST(
  req: AuthenticatedMedusaRequest<AdminCreateLoyaltyTierParams>,
  res: MedusaResponse<AdminLoyaltyTierResponse>
) {
  const { result } = await createTierWorkflow(req.scope).run({ input: req.validatedBody })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [tier],
  } = await query.graph({ entity: "loyalty_tier", fields: req.queryConfig.fields, filters: { id: result.id } })
  res.json({ tier: tier as LoyaltyTierDTO })
})
