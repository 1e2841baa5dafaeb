import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_POINTS_MODULE, RecordReferralResult, type ILoyaltyPointsModuleService } from "../../../types"

export const recordReferralStepId = "loyalty-points-record-referral-step"

export type RecordReferralStepInput = { account_id: string; customer_id: string; code: string }

/**
 * Records the referee's referrer from the code they give: once, never their own code, and
 * only while they have no order (any order, canceled ones included).
 *
 * Compensation: removes the referral it recorded.
 *
 * @example
 * recordReferralStep({ account_id: account.id, customer_id: "cus_referee", code: "K7QX2MPR9T" })
 */
export const recordReferralStep = createStep(
  recordReferralStepId,
  async (input: RecordReferralStepInput, { container }) => {
    const service = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: orders } = await query.graph({
      entity: "order",
      fields: ["id"],
      filters: { customer_id: input.customer_id },
      pagination: { take: 1 },
    })
    const result = await service.recordReferral({ account_id: input.account_id, code: input.code, has_orders: orders.length > 0 })
    return new StepResponse<RecordReferralResult, string | null>(result, result.changed ? result.account_id : null)
  },
  async (accountId: string | null | undefined, { container }) => {
    if (!accountId) {
      return
    }
    await container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE).clearReferral(accountId)
  }
)
