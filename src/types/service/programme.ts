import { Context } from "@medusajs/framework/types"
import { RaiseTierResult, TierStatus } from "../earning"
import { LedgerAccountDTO } from "../ledger"
import { LoyaltyProgramSummaryDTO } from "../models"
import { LoyaltyPointsOptions } from "../options"
import { ProgramSettings, ProgramSettingsPatch } from "../program-settings"
import { LoyaltyEarningRuleDTO, LoyaltyTierDTO } from "../tiers-and-rules"

export type UpdateProgramSettingsResult = {
  /** The effective settings after the update. */
  settings: ProgramSettings
  /** What was stored before (`null`: options only), for a compensation to put back. */
  previous: ProgramSettingsPatch | null
}

/** The options, the programme's settings and rules, and the tiers of `ILoyaltyPointsModuleService`. */
export interface LoyaltyProgrammeMethods {
  /**
   * The validated plugin options, defaults filled in.
   *
   * @example
   * const { holds } = loyaltyPointsService.getOptions()
   */
  getOptions(): LoyaltyPointsOptions

  /* ------------------------------------------------------------------ programme */

  /**
   * The default programme, created on first use.
   *
   * @example
   * const program = await loyaltyPointsService.retrieveDefaultProgram()
   */
  retrieveDefaultProgram(sharedContext?: Context): Promise<LoyaltyProgramSummaryDTO>

  /**
   * The programme's effective settings: the options' defaults with what the admin saved on top.
   *
   * @example
   * const settings = await loyaltyPointsService.getProgramSettings()
   */
  getProgramSettings(programId?: string, sharedContext?: Context): Promise<ProgramSettings>

  /**
   * Saves admin-chosen settings (any subset) over the options' defaults; 400 for an invalid result.
   *
   * @example
   * await loyaltyPointsService.updateProgramSettings({ earn_rates: { usd: 0.5 } })
   */
  updateProgramSettings(patch: ProgramSettingsPatch, sharedContext?: Context): Promise<UpdateProgramSettingsResult>

  /**
   * Puts back settings exactly as stored before (`null`: options only).
   *
   * @example
   * await loyaltyPointsService.restoreProgramSettings(previous)
   */
  restoreProgramSettings(stored: ProgramSettingsPatch | null, sharedContext?: Context): Promise<void>

  /**
   * The default programme's earning rules that apply at `at`, oldest first.
   *
   * @example
   * const rules = await loyaltyPointsService.listActiveEarningRules(order.created_at)
   */
  listActiveEarningRules(at?: Date, sharedContext?: Context): Promise<LoyaltyEarningRuleDTO[]>

  /**
   * The default programme's tiers, lowest rank first.
   *
   * @example
   * const tiers = await loyaltyPointsService.listTiersByRank()
   */
  listTiersByRank(sharedContext?: Context): Promise<LoyaltyTierDTO[]>

  /* ------------------------------------------------------------------ tiers */

  /**
   * Each account's tier and the next one, over each tier's window; one query for all.
   *
   * @example
   * const statuses = await loyaltyPointsService.retrieveTierStatuses(["lpacc_123"])
   */
  retrieveTierStatuses(accountIds: string[], sharedContext?: Context): Promise<Map<string, TierStatus>>

  /**
   * One account's tier and the next one.
   *
   * @example
   * const { tier, next_tier } = await loyaltyPointsService.retrieveTierStatus("lpacc_123")
   */
  retrieveTierStatus(accountId: string, sharedContext?: Context): Promise<TierStatus>

  /**
   * Raises the account to the highest tier it now meets; never lowers it.
   *
   * @example
   * const { changed, tier_id } = await loyaltyPointsService.raiseTierIfQualified("lpacc_123")
   */
  raiseTierIfQualified(accountId: string, sharedContext?: Context): Promise<RaiseTierResult>

  /**
   * Puts an account on a given tier (the compensation of a tier change).
   *
   * @example
   * await loyaltyPointsService.setAccountTier("lpacc_123", null)
   */
  setAccountTier(accountId: string, tierId: string | null, sharedContext?: Context): Promise<LedgerAccountDTO>
}
