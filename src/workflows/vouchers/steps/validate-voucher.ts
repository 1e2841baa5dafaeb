import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"
import { pointsToMoneyDown } from "../../redemption/utils/loyalty-promotion"

const DAY_MS = 24 * 60 * 60 * 1000

export const validateVoucherStepId = "loyalty-points-validate-voucher"

/**
 * Checks a voucher request against the programme: a currency with a redemption value,
 * the minimum and step per redemption, and a value of at least the currency's smallest
 * unit (available points are checked with the debit, so a replay finds its points
 * already spent rather than missing). Answers the money the voucher is worth
 * (points times the redemption value, rounded down to the currency's precision) and
 * when it expires (programme `vouchers.expiry_days`, default 90). The daily cap is
 * checked with the debit, under the account lock.
 *
 * @example
 * const { value_per_point } = validateVoucherStep({ account_id, points: 500, currency_code: "usd" })
 */
export const validateVoucherStep = createStep(
  validateVoucherStepId,
  async (input: { account_id: string; points: number; currency_code: string }, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const settings = await loyalty.getProgramSettings()
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
    const amount = pointsToMoneyDown(input.points, value, currency)
    if (amount <= 0) {
      throw invalid(`${input.points} points are worth less than the smallest unit of ${currency.toUpperCase()}`)
    }
    const expiresAt = new Date(Date.now() + settings.vouchers.expiry_days * DAY_MS)
    return new StepResponse({ value_per_point: value, currency_code: currency, amount, expires_at: expiresAt.toISOString() })
  }
)
