import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LedgerAccountDTO, LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"

export type RetrieveOrCreateLoyaltyAccountStepInput = {
  customer_id: string
}

export const retrieveOrCreateLoyaltyAccountStepId = "loyalty-points-retrieve-or-create-account"

/**
 * The customer's loyalty account, created (all zeros) when the customer has none.
 *
 * No compensation: an account of zeros is what any read of the customer's points
 * creates anyway, and a concurrent request of the same customer may already rely on
 * it, so undoing the creation could only do harm.
 *
 * @example
 * const account = retrieveOrCreateLoyaltyAccountStep({ customer_id: input.customer_id })
 */
export const retrieveOrCreateLoyaltyAccountStep = createStep(
  retrieveOrCreateLoyaltyAccountStepId,
  async (input: RetrieveOrCreateLoyaltyAccountStepInput, { container }) => {
    const service = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const account: LedgerAccountDTO = await service.retrieveOrCreateAccount(input.customer_id)
    return new StepResponse(account)
  }
)
