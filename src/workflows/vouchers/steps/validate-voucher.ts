import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"

export const validateVoucherStepId = "loyalty-points-validate-voucher"

/**
 * Checks a voucher request against the programme: a currency with a redemption value,
 * the minimum and step per redemption, and the shopper's available points (409).
 *
 * @example
 * const { value_per_point } = validateVoucherStep({ account_id, points: 500, currency_code: "usd" })
 */
export const validateVoucherStep = createStep(
  validateVoucherStepId,
  async (input: { account_id: string; points: number; currency_code: string }, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const [settings, account] = await Promise.all([
      loyalty.getProgramSettings(),
      loyalty.retrieveAccountBalance(input.account_id),
    ])
    const currency = input.currency_code.toLowerCase()
    const value = settings.redemption_values[currency]
    const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message)
    if (!value) {
      throw invalid(`Points cannot be spent in ${currency.toUpperCase()}: the programme has no redemption value for it`)
    }
    const { min_points, step } = settings.redemption
    if (input.points < min_points) {
      throw invalid(`points must be at least ${min_points} (minimum points per redemption)`)
    }
    if (input.points % step !== 0) {
      throw invalid(`points must be a multiple of ${step} (redemption step)`)
    }
    if (input.points > account.available) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Not enough points: ${Math.max(account.available, 0)} available, ${input.points} requested`
      )
    }
    return new StepResponse({ value_per_point: value, currency_code: currency })
  }
)
