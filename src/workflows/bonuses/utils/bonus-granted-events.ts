import { GrantBonusResult, LoyaltyPointsBonusGrantedEventData } from "../../../types"

/** `loyalty_points.bonus_granted` payloads for the bonuses this run credited (replays emit nothing). */
export function bonusGrantedEvents(grants: (GrantBonusResult | undefined | null)[]): LoyaltyPointsBonusGrantedEventData[] {
  return grants
    .filter((grant): grant is GrantBonusResult => !!grant && !grant.replayed)
    .map((grant) => ({
      id: grant.entry_id,
      account_id: grant.account_id,
      customer_id: grant.customer_id,
      reason: grant.reason,
      points: grant.points,
    }))
}
