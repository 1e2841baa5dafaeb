import { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import {
  LedgerAccountDTO,
  LoyaltyEarningRuleDTO,
  LoyaltyPointsModelDTOs,
  LoyaltyPointsOptions,
  LoyaltyProgramSummaryDTO,
  LoyaltyTierDTO,
  parseLoyaltyPointsOptions,
  ProgramSettings,
  ProgramSettingsPatch,
  UpdateProgramSettingsResult,
} from "../../../types"
import { retrieveAccount, retrieveOrCreateAccount } from "../ledger/accounts"
import { LedgerDb } from "../ledger/db"
import { assertDate } from "../ledger/rows"
import {
  LoyaltyAccount,
  LoyaltyEarningRule,
  LoyaltyEntry,
  LoyaltyHold,
  LoyaltyLot,
  LoyaltyLotConsumption,
  LoyaltyExpiryReminder,
  LoyaltyOtp,
  LoyaltyProgram,
  LoyaltyReconciliationRun,
  LoyaltyTier,
} from "../models"
import {
  activeEarningRulesFilter,
  effectiveSettings,
  ensureDefaultProgram,
  restoreProgramSettings,
  settingsOf,
  updateProgramSettings,
} from "../programs"

/**
 * The first layer of the module's service (see ../service.ts): the models, whose
 * generated methods (`listLoyaltyEntries`, ...) come from `MedusaService`, the
 * options, and the programme and account methods every other layer builds on.
 */
export class LoyaltyPointsServiceBase extends MedusaService<LoyaltyPointsModelDTOs>({
  LoyaltyProgram,
  LoyaltyAccount,
  LoyaltyEntry,
  LoyaltyLot,
  LoyaltyLotConsumption,
  LoyaltyHold,
  LoyaltyTier,
  LoyaltyEarningRule,
  LoyaltyOtp,
  LoyaltyExpiryReminder,
  LoyaltyReconciliationRun,
}) {
  protected readonly options_: LoyaltyPointsOptions

  constructor(container: Record<string, unknown>, options?: unknown) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = parseLoyaltyPointsOptions(options)
  }

  /** The validated plugin options, defaults filled in. */
  getOptions(): LoyaltyPointsOptions {
    return this.options_
  }

  /** The ledger's handle on the transaction (or manager) a decorated method received. */
  protected db_(sharedContext: Context): LedgerDb {
    return LedgerDb.of(sharedContext, this.options_)
  }

  /* ------------------------------------------------------------------ programme */

  /**
   * The default programme, created on first use.
   *
   * @example
   * const program = await loyaltyPointsService.retrieveDefaultProgram()
   */
  @InjectManager()
  async retrieveDefaultProgram(@MedusaContext() sharedContext: Context = {}): Promise<LoyaltyProgramSummaryDTO> {
    return await this.ensureDefaultProgram_(sharedContext)
  }

  @InjectTransactionManager()
  protected async ensureDefaultProgram_(@MedusaContext() sharedContext: Context = {}) {
    return await ensureDefaultProgram(this.db_(sharedContext))
  }

  /**
   * The programme's effective settings: the options' defaults with what the admin
   * saved on top.
   *
   * @example
   * const settings = await loyaltyPointsService.getProgramSettings()
   */
  @InjectManager()
  async getProgramSettings(
    programId?: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ProgramSettings> {
    return programId
      ? await settingsOf(this.db_(sharedContext), programId)
      : effectiveSettings(this.options_, await this.ensureDefaultProgram_(sharedContext))
  }

  /**
   * The default programme's earning rules that apply at `at`: active, and `at` within
   * their dates (`starts_at` null or <= `at`, `ends_at` null or > `at`). Oldest first,
   * so rules are applied in a stable order.
   *
   * @example
   * const rules = await loyaltyPointsService.listActiveEarningRules(order.created_at)
   * const excluded = rules.some((rule) => rule.action === "exclude" && rule.target_ids.includes(productId))
   */
  @InjectManager()
  async listActiveEarningRules(
    at: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LoyaltyEarningRuleDTO[]> {
    const when = assertDate(at, "at") as Date
    const program = await this.ensureDefaultProgram_(sharedContext)
    const order = { created_at: "ASC", id: "ASC" } as const
    return await this.listLoyaltyEarningRules(activeEarningRulesFilter(program.id, when), { order }, sharedContext)
  }

  /**
   * The default programme's tiers, lowest rank first.
   *
   * @example
   * const tiers = await loyaltyPointsService.listTiersByRank()
   * const reached = tiers.filter((tier) => qualifyingPoints >= tier.threshold).pop() ?? null
   */
  @InjectManager()
  async listTiersByRank(@MedusaContext() sharedContext: Context = {}): Promise<LoyaltyTierDTO[]> {
    const program = await this.ensureDefaultProgram_(sharedContext)
    return await this.listLoyaltyTiers({ program_id: program.id }, { order: { rank: "ASC" } }, sharedContext)
  }

  /**
   * Saves admin-chosen programme settings over the plugin options' defaults. Takes any
   * subset of the settings (nested `expiry` and `redemption` merge field by field) and
   * refuses (400) a result that is not a valid programme. Returns the effective
   * settings and what was stored before, for a compensation to put back.
   *
   * @example
   * await loyaltyPointsService.updateProgramSettings({ earn_rates: { usd: 0.5 } })
   */
  @InjectTransactionManager()
  async updateProgramSettings(
    patch: ProgramSettingsPatch,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<UpdateProgramSettingsResult> {
    return await updateProgramSettings(this.db_(sharedContext), patch)
  }

  /**
   * Puts back programme settings exactly as they were stored (`null`: options only).
   * The compensation of `updateProgramSettings`.
   *
   * @example
   * await loyaltyPointsService.restoreProgramSettings(previous)
   */
  @InjectTransactionManager()
  async restoreProgramSettings(
    stored: ProgramSettingsPatch | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await restoreProgramSettings(this.db_(sharedContext), stored)
  }

  /* ------------------------------------------------------------------ accounts */

  /**
   * The customer's account in the default programme, created (all zeros) when the
   * customer has none yet.
   *
   * @example
   * const account = await loyaltyPointsService.retrieveOrCreateAccount("cus_123")
   */
  @InjectManager()
  async retrieveOrCreateAccount(
    customerId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerAccountDTO> {
    return await this.retrieveOrCreateAccount_(customerId, sharedContext)
  }

  @InjectTransactionManager()
  protected async retrieveOrCreateAccount_(
    customerId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerAccountDTO> {
    return await retrieveOrCreateAccount(this.db_(sharedContext), customerId)
  }

  /**
   * Reads one account's figures from its row (never by summing history).
   *
   * @example
   * const { balance, available } = await loyaltyPointsService.retrieveAccountBalance("lpacc_123")
   */
  @InjectManager()
  async retrieveAccountBalance(
    accountId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerAccountDTO> {
    return await retrieveAccount(this.db_(sharedContext), accountId)
  }
}
