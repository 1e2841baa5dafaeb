import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  AdminLoyaltyEarningRuleDeleteResponse,
  AdminLoyaltyEarningRuleResponse,
  LoyaltyEarningRuleDTO,
} from "../../../../../types/tiers-and-rules"
import { deleteEarningRuleWorkflow, updateEarningRuleWorkflow } from "../../../../../workflows/rules"
import { AdminUpdateLoyaltyEarningRuleParams } from "../validators"

/** Updates the given fields of an earning rule; 404 when unknown, 400 when the result is inconsistent. */
export async function POST(
  req: AuthenticatedMedusaRequest<AdminUpdateLoyaltyEarningRuleParams>,
  res: MedusaResponse<AdminLoyaltyEarningRuleResponse>
) {
  await updateEarningRuleWorkflow(req.scope).run({ input: { id: req.params.id, update: req.validatedBody } })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [rule],
  } = await query.graph({ entity: "loyalty_earning_rule", fields: req.queryConfig.fields, filters: { id: req.params.id } })
  res.json({ rule: rule as LoyaltyEarningRuleDTO })
}

/** Deletes an earning rule; 404 when unknown. */
export async function DELETE(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<AdminLoyaltyEarningRuleDeleteResponse>
) {
  await deleteEarningRuleWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "loyalty_rule", deleted: true })
}
