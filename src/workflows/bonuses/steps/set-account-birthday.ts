import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  LOYALTY_POINTS_MODULE,
  SetAccountBirthdayInput,
  SetAccountBirthdayResult,
  type ILoyaltyPointsModuleService,
} from "../../../types"

export const setAccountBirthdayStepId = "loyalty-points-set-account-birthday"

/**
 * Sets the account's birthday: once for a customer (409 when set to another date),
 * changed or cleared with `overwrite` (admins).
 *
 * Compensation: puts back the birthday it replaced.
 *
 * @example
 * setAccountBirthdayStep({ account_id: account.id, birthday: "1990-05-17" })
 */
export const setAccountBirthdayStep = createStep(
  setAccountBirthdayStepId,
  async (input: SetAccountBirthdayInput, { container }) => {
    const service = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const result = await service.setAccountBirthday(input)
    return new StepResponse<SetAccountBirthdayResult, SetAccountBirthdayResult | null>(result, result.changed ? result : null)
  },
  async (undo: SetAccountBirthdayResult | null | undefined, { container }) => {
    if (!undo) {
      return
    }
    const service = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    await service.setAccountBirthday({ account_id: undo.account_id, birthday: undo.previous, overwrite: true })
  }
)
