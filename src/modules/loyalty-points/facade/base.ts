import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import {
  LedgerAccountDTO,
  LedgerEntryDTO,
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
import { listAccountEntries, readCustomerAccount, retrieveAccount, retrieveOrCreateAccount } from "../ledger/accounts"
import { LedgerDb } from "../ledger/db"
import { assertDate } from "../ledger/rows"
import {
  LoyaltyAccount,
  LoyaltyCampaign,
  LoyaltyEarningRule,
  LoyaltyEntry,
  LoyaltyHold,
  LoyaltyLot,
  LoyaltyLotConsumption,
  LoyaltyExpiryReminder,
  LoyaltyImport,
  LoyaltyOtp,
  LoyaltyProgram,
  LoyaltyReconciliationRun,
  LoyaltyTier,
} from "../models"
import {
  activeEarningRulesFilter,
  defaultProgramSettings,
  ensureDefaultProgram,
  readDefaultProgram,
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
  LoyaltyImport,
  LoyaltyCampaign,
}) {
  protected readonly options_: LoyaltyPointsOptions

  constructor(container: Record<string, unknown>, options?: unknown) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = parseLoyaltyPointsOptions(options)
  }

  /** The validated plugin options, defaults filled in. */
  // eslint-disable-next-line @medusajs/service-methods-must-be-async -- reads memory only; the interface promises a value
  getOptions(): LoyaltyPointsOptions {
    return this.options_
  }

  /**
   * Runs a hot write in a transaction of its own on one pg connection (see
   * `LedgerDb.inOwnTransaction`), or, when the caller passed a transaction, in that one
   * through `inCallersTransaction` (a method decorated with `@InjectTransactionManager`).
   */
  /* eslint-disable @medusajs/use-inject-manager-on-public-methods, @medusajs/medusa-context-on-context-param -- opens its own transaction, or defers to a decorated method */
  protected async write_<T>(
    sharedContext: Context,
    work: (db: LedgerDb) => Promise<T>,
    inCallersTransaction: () => Promise<T>
  ): Promise<T> {
    if (sharedContext.transactionManager || !this.options_.prepared_statements) {
      return await inCallersTransaction()
    }
    const manager = (this as unknown as { __container__: { manager: SqlEntityManager } }).__container__.manager
    return await LedgerDb.inOwnTransaction(manager.getKnex(), this.options_, work)
  }
  /* eslint-enable @medusajs/use-inject-manager-on-public-methods, @medusajs/medusa-context-on-context-param */

  /** The ledger's handle on the transaction (or manager) a decorated method received. */
  // eslint-disable-next-line @medusajs/use-inject-manager-on-public-methods, @medusajs/medusa-context-on-context-param -- a helper of the decorated methods, not one itself
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
    // A read: before the default programme's first use, the options' defaults (nothing is created).
    return programId
      ? await settingsOf(this.db_(sharedContext), programId)
      : await defaultProgramSettings(this.db_(sharedContext))
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
    // A read: before the programme's first use there are no rules (nothing is created).
    const program = await readDefaultProgram(this.db_(sharedContext))
    if (!program) {
      return []
    }
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
    const program = await readDefaultProgram(this.db_(sharedContext))
    if (!program) {
      return []
    }
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
  @InjectManager()
  async updateProgramSettings(
    patch: ProgramSettingsPatch,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<UpdateProgramSettingsResult> {
    return await this.updateProgramSettings_(patch, sharedContext)
  }

  @InjectTransactionManager()
  protected async updateProgramSettings_(
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
  @InjectManager()
  async restoreProgramSettings(
    stored: ProgramSettingsPatch | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await this.restoreProgramSettings_(stored, sharedContext)
  }

  @InjectTransactionManager()
  protected async restoreProgramSettings_(
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
   * The customer's account in the default programme as stored or, when the customer has
   * none yet, the account of zeros it will be (same id): a read, which creates nothing.
   *
   * @example
   * const account = await loyaltyPointsService.retrieveCustomerAccount("cus_123")
   */
  @InjectManager()
  async retrieveCustomerAccount(
    customerId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerAccountDTO> {
    return await readCustomerAccount(this.db_(sharedContext), customerId)
  }

  /**
   * A page of the account's history, newest first, with the count kept on the account
   * (no count over the history). An account not stored yet has none.
   *
   * @example
   * const { entries, count } = await loyaltyPointsService.listAccountEntries("lpacc_123", { limit: 20, offset: 0 })
   */
  @InjectManager()
  async listAccountEntries(
    accountId: string,
    page: { limit: number; offset: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ entries: LedgerEntryDTO[]; count: number }> {
    return await listAccountEntries(this.db_(sharedContext), accountId, page)
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
