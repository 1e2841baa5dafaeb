const EPSILON = 1e-9

/**
 * The points a payment state has made spendable: the captured share of the earnable
 * points, rounded down, and exactly all of them once the order is paid in full, so the
 * sum over partial captures never drifts from the earnable figure.
 */
export function earnedShare(earnable: number, captured: number, payable: number) {
  if (earnable <= 0 || captured <= 0 || payable <= 0) {
    return 0
  }
  if (captured + EPSILON >= payable) {
    return earnable
  }
  return Math.min(earnable, Math.floor((earnable * captured) / payable + EPSILON))
}
