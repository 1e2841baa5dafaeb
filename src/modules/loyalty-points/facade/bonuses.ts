import { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext } from "@medusajs/framework/utils"
import {
  BirthdayBonusCandidate,
  ListBirthdayBonusCandidatesInput,
  RecordReferralInput,
  RecordReferralResult,
  SetAccountBirthdayInput,
  SetAccountBirthdayResult,
} from "../../../types"
import { clearReferral, listBirthdayBonusCandidates, recordReferral, setAccountBirthday } from "../bonuses"
import { LoyaltyPointsNightlyMethods } from "./nightly"

/**
 * The fourth layer of the module's service (see ../service.ts): what bonuses need beyond
 * crediting points (which `creditPoints` does under each bonus's idempotency key).
 */
export class LoyaltyPointsBonusMethods extends LoyaltyPointsNightlyMethods {
  /**
   * Sets an account's birthday (`YYYY-MM-DD`) under the account lock. Without
   * `overwrite` a birthday already set is refused (409) and nothing changes, unless it is
   * the same date (a repeated request); with it (admins) it is changed or cleared.
   *
   * @example
   * await loyaltyPointsService.setAccountBirthday({ account_id: "lpacc_123", birthday: "1990-05-17" })
   */
  @InjectTransactionManager()
  async setAccountBirthday(
    input: SetAccountBirthdayInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SetAccountBirthdayResult> {
    return await setAccountBirthday(this.db_(sharedContext), input)
  }

  /**
   * The default programme's accounts whose birthday falls on `month_day` (29 February
   * birthdays on 28 February of other years) and whose bonus for `year` is not granted
   * yet, by id, `limit` at a time after `after_id`.
   *
   * @example
   * const due = await loyaltyPointsService.listBirthdayBonusCandidates({ month_day: "05-17", year: 2026, limit: 500 })
   */
  @InjectManager()
  async listBirthdayBonusCandidates(
    input: ListBirthdayBonusCandidatesInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<BirthdayBonusCandidate[]> {
    const program = await this.ensureDefaultProgram_(sharedContext)
    return await listBirthdayBonusCandidates(this.db_(sharedContext), program.id, input)
  }

  /**
   * Records who referred an account, under the account lock: once (the same code again
   * changes nothing, another is a 409), never oneself and only before the referee's
   * first order (400). The code is matched ignoring case, spaces and dashes.
   *
   * @example
   * await loyaltyPointsService.recordReferral({ account_id: "lpacc_referee", code: "K7QX2MPR9T", has_orders: false })
   */
  @InjectTransactionManager()
  async recordReferral(
    input: RecordReferralInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RecordReferralResult> {
    return await recordReferral(this.db_(sharedContext), input)
  }

  /**
   * Removes an account's recorded referrer (the compensation of `recordReferral`).
   *
   * @example
   * await loyaltyPointsService.clearReferral("lpacc_referee")
   */
  @InjectTransactionManager()
  async clearReferral(accountId: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await clearReferral(this.db_(sharedContext), accountId)
  }
}
