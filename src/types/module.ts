/** The key the loyalty points module is registered under in the Medusa container. */
export const LOYALTY_POINTS_MODULE = "loyalty_points"

/** Events this plugin emits; payloads are documented in the README. */
export enum LoyaltyPointsEvents {
  EARNED = "loyalty_points.earned",
  REDEEMED = "loyalty_points.redeemed",
  CLAWED_BACK = "loyalty_points.clawed_back",
  EXPIRED = "loyalty_points.expired",
  EXPIRING = "loyalty_points.expiring",
  ADJUSTED = "loyalty_points.adjusted",
  TIER_CHANGED = "loyalty_points.tier_changed",
  RECONCILIATION_FAILED = "loyalty_points.reconciliation_failed",
  BONUS_GRANTED = "loyalty_points.bonus_granted",
}
