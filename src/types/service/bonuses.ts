import { Context } from "@medusajs/framework/types"
import {
  BirthdayBonusCandidate,
  ListBirthdayBonusCandidatesInput,
  RecordReferralInput,
  RecordReferralResult,
  SetAccountBirthdayInput,
  SetAccountBirthdayResult,
} from "../bonuses"

/** Birthdays and referrals, of `ILoyaltyPointsModuleService`. */
export interface LoyaltyBonusMethods {
  /**
   * Sets an account's birthday once (409 when already set to another date), or changes
   * or clears it with `overwrite` (admins).
   *
   * @example
   * await loyaltyPointsService.setAccountBirthday({ account_id: "lpacc_123", birthday: "1990-05-17" })
   */
  setAccountBirthday(input: SetAccountBirthdayInput, sharedContext?: Context): Promise<SetAccountBirthdayResult>

  /**
   * Accounts whose birthday bonus for `year` is due on `month_day` and not yet granted.
   *
   * @example
   * const due = await loyaltyPointsService.listBirthdayBonusCandidates({ month_day: "05-17", year: 2026 })
   */
  listBirthdayBonusCandidates(
    input: ListBirthdayBonusCandidatesInput,
    sharedContext?: Context
  ): Promise<BirthdayBonusCandidate[]>

  /**
   * Records the referrer of an account once, never oneself, only before the first order.
   *
   * @example
   * await loyaltyPointsService.recordReferral({ account_id: "lpacc_referee", code: "K7QX2MPR9T", has_orders: false })
   */
  recordReferral(input: RecordReferralInput, sharedContext?: Context): Promise<RecordReferralResult>

  /**
   * Removes an account's recorded referrer (a compensation).
   *
   * @example
   * await loyaltyPointsService.clearReferral("lpacc_referee")
   */
  clearReferral(accountId: string, sharedContext?: Context): Promise<void>
}
