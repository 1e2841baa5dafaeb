import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { ILoyaltyPointsModuleService } from "../../../../types"
import { LOYALTY_POINTS_MODULE } from "../../../../types/module"
import {
  AdminLoyaltyEarningRuleListResponse,
  AdminLoyaltyEarningRuleResponse,
  LoyaltyEarningRuleDTO,
} from "../../../../types/tiers-and-rules"
import { createEarningRuleWorkflow } from "../../../../workflows/rules"
import { AdminCreateLoyaltyEarningRuleParams, AdminGetLoyaltyEarningRulesParams } from "./validators"

/** The default programme's earning rules, oldest first; `?is_active=true|false` filters. */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, AdminGetLoyaltyEarningRulesParams>,
  res: MedusaResponse<AdminLoyaltyEarningRuleListResponse>
) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const loyalty = req.scope.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const program = await loyalty.retrieveDefaultProgram()
  const isActive = req.validatedQuery.is_active as boolean | undefined
  const { data: rules } = await query.graph({
    entity: "loyalty_earning_rule",
    fields: req.queryConfig.fields,
    filters: { program_id: program.id, ...(isActive === undefined ? {} : { is_active: isActive }) },
    pagination: { order: { created_at: "ASC", id: "ASC" } },
  })
  res.json({ rules: rules as LoyaltyEarningRuleDTO[] })
}

/** Creates an earning rule; 400 when a target id is unknown. */
export async function POST(
  req: AuthenticatedMedusaRequest<AdminCreateLoyaltyEarningRuleParams>,
  res: MedusaResponse<AdminLoyaltyEarningRuleResponse>
) {
  const { result } = await createEarningRuleWorkflow(req.scope).run({ input: req.validatedBody })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [rule],
  } = await query.graph({ entity: "loyalty_earning_rule", fields: req.queryConfig.fields, filters: { id: result.id } })
  res.json({ rule: rule as LoyaltyEarningRuleDTO })
}
