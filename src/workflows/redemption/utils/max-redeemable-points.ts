import { ProgramSettings } from "../../../types/program-settings"

/**
 * The most points a cart can take: what the shopper has available, within the share
 * of the item total payable with points, the per-order maximum and the step; zero
 * when that falls below the minimum per redemption or the currency has no
 * redemption value.
 */
export function maxRedeemablePoints(input: {
  available: number
  item_total: number
  /** What vouchers paid with points already take off the items: they share `max_share`. */
  voucher_amount?: number
  currency_code: string
  settings: ProgramSettings
}) {
  const value = input.settings.redemption_values[input.currency_code.toLowerCase()]
  if (!value || input.available <= 0 || input.item_total <= 0) {
    return 0
  }
  const { min_points, step, max_share, max_points_per_order } = input.settings.redemption
  const byShare = Math.max(Math.floor((input.item_total * max_share - Math.max(input.voucher_amount ?? 0, 0)) / value + 1e-9), 0)
  let points = Math.min(input.available, byShare, max_points_per_order ?? Number.MAX_SAFE_INTEGER)
  points -= points % step
  return points >= Math.max(min_points, 1) ? points : 0
}
