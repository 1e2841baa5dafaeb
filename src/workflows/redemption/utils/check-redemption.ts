import { MedusaError } from "@medusajs/framework/utils"
import { ProgramSettings } from "../../../types/program-settings"
import { pointsToMoney } from "./loyalty-promotion"

export type RedemptionCheckInput = {
  points: number
  /** Points the shopper can spend on this cart: available plus what this cart already holds. */
  available: number
  item_total: number
  /** What vouchers paid with points already take off the cart's items: they share `max_share`. */
  voucher_amount?: number
  currency_code: string
  settings: ProgramSettings
}

/**
 * Refuses a redemption outside the programme's limits (400, naming the limit and the
 * allowed value) or beyond the shopper's points (409). Returns the discount amount.
 */
export function checkRedemption(input: RedemptionCheckInput): { amount: number; value_per_point: number } {
  const { points, settings } = input
  const currency = input.currency_code.toLowerCase()
  const value = settings.redemption_values[currency]
  const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message)
  if (!value) {
    throw invalid(`Points cannot be spent in ${currency.toUpperCase()}: the programme has no redemption value for it`)
  }
  const { min_points, step, max_share, max_points_per_order } = settings.redemption
  if (points < min_points) {
    throw invalid(`points must be at least ${min_points} (minimum points per redemption)`)
  }
  if (points % step !== 0) {
    throw invalid(`points must be a multiple of ${step} (redemption step)`)
  }
  if (max_points_per_order !== null && points > max_points_per_order) {
    throw invalid(`points must be at most ${max_points_per_order} (maximum points per order)`)
  }
  const maxByShare = Math.max(
    Math.floor((input.item_total * max_share - Math.max(input.voucher_amount ?? 0, 0)) / value + 1e-9),
    0
  )
  if (points > maxByShare) {
    throw invalid(
      `points may pay at most ${Math.round(max_share * 100)}% of the cart's items${input.voucher_amount ? ", vouchers included" : ""}: at most ${Math.max(maxByShare - (maxByShare % step), 0)} points (maximum share)`
    )
  }
  if (points > input.available) {
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      `Not enough points: ${Math.max(input.available, 0)} available, ${points} requested`
    )
  }
  return { amount: pointsToMoney(points, value), value_per_point: value }
}
