import { ProgramSettings } from "../../../types/program-settings"
import { toAmount } from "../../earning/utils/order-for-earning"
import { MathBN } from "@medusajs/framework/utils"
import { GraphRecord } from "../../../utils/graph-record"
import { roundMoney } from "../../../utils/money"
import { isLoyaltyCode, VOUCHER_CODE_PREFIX } from "./loyalty-promotion"

/** A voucher made from points (`LPV-`): its discount is points money, not a price discount. */
export function isVoucherCode(code: string | null | undefined) {
  return typeof code === "string" && code.toUpperCase().startsWith(VOUCHER_CODE_PREFIX)
}

/**
 * What `max_share` is a share of: the cart's items before tax, less the discounts of
 * the shopper's other promotions (not the points discount itself, nor vouchers made
 * from points, which share `max_share` with it: see `pointsAllowedByLimits`). Read from a cart
 * with `item_subtotal` and `items.adjustments.{code,amount}`, as the cart state and
 * the cart being completed both have them.
 */
export function shareBase(cart: GraphRecord) {
  const others = (cart.items ?? [])
    .filter(Boolean)
    .flatMap((item: GraphRecord) => item.adjustments ?? [])
    .filter((adjustment: GraphRecord) => adjustment && !isLoyaltyCode(adjustment.code) && !isVoucherCode(adjustment.code))
    .reduce((sum: number, adjustment: GraphRecord) => sum + toAmount(adjustment.amount), 0)
  return Math.max(roundMoney(MathBN.sub(toAmount(cart.item_subtotal), others), cart.currency_code), 0)
}

/** The money the points discount takes off the cart's items right now. */
export function pointsDiscountOf(cart: GraphRecord) {
  const amount = (cart.items ?? [])
    .filter(Boolean)
    .flatMap((item: GraphRecord) => item.adjustments ?? [])
    .filter((adjustment: GraphRecord) => adjustment && isLoyaltyCode(adjustment.code))
    .reduce((sum: number, adjustment: GraphRecord) => sum + toAmount(adjustment.amount), 0)
  return roundMoney(amount, cart.currency_code)
}

/** The money vouchers made from points (`LPV-`) take off the cart's items right now. */
export function voucherDiscountOf(cart: GraphRecord) {
  const amount = (cart.items ?? [])
    .filter(Boolean)
    .flatMap((item: GraphRecord) => item.adjustments ?? [])
    .filter((adjustment: GraphRecord) => adjustment && isVoucherCode(adjustment.code))
    .reduce((sum: number, adjustment: GraphRecord) => sum + toAmount(adjustment.amount), 0)
  return roundMoney(amount, cart.currency_code)
}

/**
 * The most points the programme's limits allow on a cart whose share base is `base`
 * (`max_share`, `max_points_per_order`, rounded down to the step), whatever the
 * shopper has; 0 when the currency has no redemption value. Vouchers made from points
 * on the cart (`vouchers`, money) take their part of `max_share` first.
 */
export function pointsAllowedByLimits(settings: ProgramSettings, currencyCode: string, base: number, vouchers = 0) {
  const value = settings.redemption_values[String(currencyCode).toLowerCase()]
  if (!value || base <= 0) {
    return 0
  }
  const { step, max_share, max_points_per_order } = settings.redemption
  let points = Math.min(
    Math.floor((base * max_share - Math.max(vouchers, 0)) / value + 1e-9),
    max_points_per_order ?? Number.MAX_SAFE_INTEGER
  )
  points -= points % step
  return Math.max(points, 0)
}
