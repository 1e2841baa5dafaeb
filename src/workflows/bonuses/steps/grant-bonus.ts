import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { GrantBonusInput, GrantBonusResult, LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"
import { BonusUndo, creditBonus, undoBonus } from "../utils/credit-bonus"

export const grantBonusStepId = "loyalty-points-grant-bonus"

/**
 * Credits a bonus (`bonus` entry, `reason` the kind of bonus) to the customer's account,
 * creating the account when missing, in a lot that expires per the programme, valued in
 * the programme's default currency. The bonus's idempotency key makes it once-only: a
 * key already used (a redelivered event, a second run of the daily job, a concurrent
 * handler) credits nothing and answers the first entry with `replayed: true`.
 *
 * Compensation: debits the same points back (`allow_debt`, they may have been spent).
 *
 * @example
 * const granted = grantBonusStep({ customer_id: "cus_1", reason: "signup", points: 100, idempotency_key: "bonus:signup:cus_1" })
 */
export const grantBonusStep = createStep(
  grantBonusStepId,
  async (input: GrantBonusInput, { container }) => {
    const service = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const account = await service.retrieveOrCreateAccount(input.customer_id)
    const settings = await service.getProgramSettings(account.program_id)
    const { grant, undo } = await creditBonus(service, account.id, input, settings.default_currency_code)
    return new StepResponse<GrantBonusResult, BonusUndo | null>(grant, undo)
  },
  async (undo: BonusUndo | null | undefined, { container }) => {
    if (!undo) {
      return
    }
    await undoBonus(container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE), undo)
  }
)
