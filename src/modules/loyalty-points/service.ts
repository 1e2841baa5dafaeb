import { createHash, randomInt, timingSafeEqual } from "crypto"
import { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import {
  ConvertHoldInput,
  ConvertHoldResult,
  CREDIT_TYPES,
  CreditPointsInput,
  DEBIT_TYPES,
  DebitPointsInput,
  EntryContext,
  EntryType,
  ExpirePointsInput,
  ExpirePointsResult,
  HoldPointsInput,
  HoldResult,
  ILoyaltyPointsModuleService,
  LedgerAccountDTO,
  LedgerEntryDTO,
  LedgerHoldDTO,
  LedgerResult,
  LoyaltyPointsModelDTOs,
  LoyaltyPointsOptions,
  parseLoyaltyPointsOptions,
  PendingPointsInput,
  ProgramSettings,
  mergeProgramSettings,
  ProgramSettingsPatch,
  ProgramSettingsPatchSchema,
  ReconcileResult,
  ReconcileVariance,
  ReleaseHoldInput,
  ReversePointsInput,
  OrderPointsSummary,
  RaiseTierResult,
  RecordPendingEarningInput,
  RecordPendingEarningResult,
  SettleOrderEarningInput,
  SettleOrderEarningResult,
  TierStatus,
} from "../../types"
import { earnedShare } from "./utils/earned-share"
import { earnableDelta, planOrderReversal } from "./utils/order-reversal"
import {
  OrderReversalFigures,
  ReviseOrderEarningInput,
  ReviseOrderEarningResult,
  SettleOrderReversalInput,
  SettleOrderReversalResult,
} from "../../types/reversal"
import {
  LoyaltyAccount,
  LoyaltyEntry,
  LoyaltyHold,
  LoyaltyLot,
  LoyaltyLotConsumption,
  LoyaltyProgram,
  LoyaltyTier,
  LoyaltyEarningRule,
  LoyaltyOtp,
} from "./models"
import {
  assertDate,
  assertIdempotencyKey,
  assertNonNegativeInteger,
  assertPositiveInteger,
  newId,
  toAccountDTO,
  toEntryDTO,
  toHoldDTO,
} from "./utils/ledger-rows"
import { SQL } from "./utils/sql"
import { ExpiringPointsDTO, LotExpiryMoveDTO, MoveLotsExpiryInput, MoveLotsExpiryResult } from "../../types/accounts"
import { LoyaltyEarningRuleDTO, LoyaltyTierDTO } from "../../types/tiers-and-rules"

type Knex = any
type AccountRow = Record<string, any>
type TierWithQualifying = NonNullable<TierStatus["tier"]> & { qualifying: number }

/** Entry types whose balance change counts toward `lifetime_earned`. */
const LIFETIME_EARNED_TYPES: EntryType[] = ["earn", "bonus", "import", "clawback"]
/** Entry types whose balance change counts (negated) toward `lifetime_redeemed`. */
const LIFETIME_REDEEMED_TYPES: EntryType[] = ["redeem", "redeem_reversal"]

const DEFAULT_PROGRAM_HANDLE = "default"
const OTP_TTL_MS = 10 * 60 * 1000
const OTP_MAX_ATTEMPTS = 5
const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The points ledger. Every method that changes points runs in one database
 * transaction with the account row locked (`SELECT ... FOR UPDATE`), writes exactly
 * one ledger entry (or hold) with its idempotency key, and changes the figures kept on
 * the account in the same transaction. A repeated idempotency key returns the first
 * result and changes nothing.
 */
class LoyaltyPointsModuleService
  extends MedusaService<LoyaltyPointsModelDTOs>({
  LoyaltyProgram,
  LoyaltyAccount,
  LoyaltyEntry,
  LoyaltyLot,
  LoyaltyLotConsumption,
  LoyaltyHold,
  LoyaltyTier,
  LoyaltyEarningRule,
  LoyaltyOtp,
  })
  implements ILoyaltyPointsModuleService
{
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

  /* ------------------------------------------------------------------ programme */

  /**
   * The default programme, created on first use.
   *
   * @example
   * const program = await loyaltyPointsService.retrieveDefaultProgram()
   */
  @InjectManager()
  async retrieveDefaultProgram(@MedusaContext() sharedContext: Context = {}) {
    return await this.ensureDefaultProgram_(sharedContext)
  }

  @InjectTransactionManager()
  protected async ensureDefaultProgram_(@MedusaContext() sharedContext: Context = {}) {
    const knex = this.knex_(sharedContext)
    await knex.raw(SQL.insertDefaultProgram, [
      newId("lpprog"),
      DEFAULT_PROGRAM_HANDLE,
      "Loyalty points",
    ])
    const { rows } = await knex.raw(SQL.selectProgramByHandle, [DEFAULT_PROGRAM_HANDLE])
    return rows[0] as { id: string; handle: string; name: string; settings: ProgramSettingsPatch | null }
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
    const program = programId
      ? (await this.knex_(sharedContext).raw(SQL.selectProgramById, [programId])).rows[0]
      : await this.ensureDefaultProgram_(sharedContext)
    if (!program) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Loyalty programme ${programId} was not found`)
    }
    return mergeProgramSettings(this.options_.program_defaults, program.settings ?? undefined)
  }

  /* ------------------------------------------------------------------ tiers and earning rules */

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
    const rules = await this.listLoyaltyEarningRules(
      {
        program_id: program.id,
        is_active: true,
        $and: [
          { $or: [{ starts_at: null }, { starts_at: { $lte: when } }] },
          { $or: [{ ends_at: null }, { ends_at: { $gt: when } }] },
        ],
      },
      { order: { created_at: "ASC", id: "ASC" } },
      sharedContext
    )
    return rules as unknown as LoyaltyEarningRuleDTO[]
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
    const tiers = await this.listLoyaltyTiers(
      { program_id: program.id },
      { order: { rank: "ASC" } },
      sharedContext
    )
    return tiers as unknown as LoyaltyTierDTO[]
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
  ): Promise<{ settings: ProgramSettings; previous: ProgramSettingsPatch | null }> {
    const parsed = ProgramSettingsPatchSchema.safeParse(patch ?? {})
    if (!parsed.success) {
      throw invalid(
        parsed.error.issues.map((issue) => `${issue.path.join(".") || "settings"}: ${issue.message}`).join("; ")
      )
    }
    const program = await this.ensureDefaultProgram_(sharedContext)
    const knex = this.knex_(sharedContext)
    const locked = (await knex.raw(SQL.lockProgram, [program.id])).rows[0]
    const previous: ProgramSettingsPatch | null = locked.settings ?? null
    const stored: ProgramSettingsPatch = {
      ...(previous ?? {}),
      ...parsed.data,
      ...(previous?.expiry || parsed.data.expiry ? { expiry: { ...(previous?.expiry ?? {}), ...(parsed.data.expiry ?? {}) } } : {}),
      ...(previous?.redemption || parsed.data.redemption
        ? { redemption: { ...(previous?.redemption ?? {}), ...(parsed.data.redemption ?? {}) } }
        : {}),
    }
    let settings: ProgramSettings
    try {
      settings = mergeProgramSettings(this.options_.program_defaults, stored)
    } catch (error) {
      throw invalid(`The programme settings would not be valid: ${(error as Error).message}`)
    }
    await knex.raw(SQL.setProgramSettings, [JSON.stringify(stored), program.id])
    return { settings, previous }
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
    const program = await this.ensureDefaultProgram_(sharedContext)
    await this.knex_(sharedContext).raw(SQL.setProgramSettings, [stored ? JSON.stringify(stored) : null, program.id])
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
    if (typeof customerId !== "string" || !customerId.trim()) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "customer_id is required")
    }
    const program = await this.ensureDefaultProgram_(sharedContext)
    const knex = this.knex_(sharedContext)
    await knex.raw(SQL.insertAccountIfMissing, [newId("lpacc"), program.id, customerId])
    const { rows } = await knex.raw(SQL.selectAccountByCustomer, [program.id, customerId])
    return toAccountDTO(rows[0])
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
    const { rows } = await this.knex_(sharedContext).raw(SQL.selectAccount, [accountId])
    if (!rows.length) {
      throw accountNotFound(accountId)
    }
    return toAccountDTO(rows[0])
  }

  /* ------------------------------------------------------------------ credits and debits */

  /**
   * Adds spendable points and opens a lot with its expiry (`expires_at`, or the
   * programme's policy when omitted; `null` never expires). When the balance is
   * negative the credit pays that debt first and the lot holds only the rest.
   *
   * @example
   * await loyaltyPointsService.creditPoints({
   *   account_id: "lpacc_123", points: 100, type: "earn",
   *   idempotency_key: "earn:order_1:pay_1", reason: "order", order_id: "order_1",
   * })
   */
  @InjectTransactionManager()
  async creditPoints(
    input: CreditPointsInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerResult> {
    const type = input.type ?? "earn"
    if (!(CREDIT_TYPES as readonly string[]).includes(type)) {
      throw invalid(`type must be one of ${CREDIT_TYPES.join(", ")}`)
    }
    assertPositiveInteger(input.points, "points")
    assertIdempotencyKey(input.idempotency_key)
    const fromPending = input.from_pending ?? 0
    assertNonNegativeInteger(fromPending, "from_pending")
    const explicitExpiry = input.expires_at === undefined ? undefined : assertDate(input.expires_at, "expires_at")

    const knex = this.knex_(sharedContext)
    const account = await this.lockAccount_(knex, input.account_id)
    if (fromPending > account.pending) {
      // A repeated credit that moved pending points finds them gone: it is a replay.
      const replay = await this.replay_(knex, input.idempotency_key, account, type, input.points)
      if (replay) {
        return replay
      }
    }
    const result = await this.credit_(knex, sharedContext, account, { ...input, type, from_pending: fromPending }, explicitExpiry)
    return result ?? (await this.replayAfterConflict_(knex, input.idempotency_key, account, type, input.points))
  }

  /**
   * Writes a credit on a locked account: the entry, a lot for the part that lifts the
   * balance above zero (the rest pays debt), and the account's figures.
   */
  protected async credit_(
    knex: Knex,
    sharedContext: Context,
    account: AccountRow,
    input: CreditPointsInput & { type: EntryType; from_pending: number },
    explicitExpiry: Date | null | undefined
  ): Promise<LedgerResult | null> {
    const fromPending = input.from_pending
    if (fromPending > input.points || fromPending > account.pending) {
      throw invalid(
        `from_pending (${fromPending}) exceeds the credit (${input.points}) or the account's pending points (${account.pending})`
      )
    }

    const expiresAt =
      explicitExpiry !== undefined
        ? explicitExpiry
        : this.defaultExpiry_(await this.accountSettings_(account, sharedContext))

    const balanceAfter = account.balance + input.points
    const lotPoints = Math.max(balanceAfter, 0) - Math.max(account.balance, 0)
    return await this.writeEntry_(knex, account, sharedContext, SQL.creditEntryLotAndAccount, {
      entry: {
        ...input,
        points: input.points,
        balance_change: input.points,
        pending_change: -fromPending,
        metadata:
          lotPoints < input.points
            ? { ...(input.metadata ?? {}), debt_paid: input.points - lotPoints }
            : input.metadata,
      },
      lot_id: newId("lplot"),
      lot_points: Math.max(lotPoints, 0),
      expires_at: expiresAt,
      pending: -fromPending,
      held: 0,
    })
  }

  /**
   * Takes spendable points, first-expiring lots first, and records which lots gave
   * how much. Refuses (409) to take `available` below zero unless `allow_debt` is set,
   * in which case the balance may go negative.
   *
   * @example
   * await loyaltyPointsService.debitPoints({
   *   account_id: "lpacc_123", points: 40, type: "adjust",
   *   idempotency_key: "adj_1", actor_type: "user", actor_id: "user_1", reason: "goodwill",
   * })
   */
  @InjectTransactionManager()
  async debitPoints(
    input: DebitPointsInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerResult> {
    const type = input.type ?? "adjust"
    if (!(DEBIT_TYPES as readonly string[]).includes(type)) {
      throw invalid(`type must be one of ${DEBIT_TYPES.join(", ")}`)
    }
    assertPositiveInteger(input.points, "points")
    assertIdempotencyKey(input.idempotency_key)

    const knex = this.knex_(sharedContext)
    const account = await this.lockAccount_(knex, input.account_id)
    const available = account.balance - account.held
    if (!input.allow_debt && input.points > available) {
      // A repeated debit finds its points already gone: it is a replay, not a refusal.
      const replay = await this.replay_(knex, input.idempotency_key, account, type, -input.points)
      if (replay) {
        return replay
      }
      throw notEnoughPoints(available, input.points)
    }
    const result = await this.debit_(knex, sharedContext, account, { ...input, type }, 0)
    return result ?? (await this.replayAfterConflict_(knex, input.idempotency_key, account, type, -input.points))
  }

  /**
   * Records points earned but not yet spendable (`earn_pending`): they raise `pending`.
   *
   * @example
   * await loyaltyPointsService.addPendingPoints({
   *   account_id: "lpacc_123", points: 25, idempotency_key: "pending:order_1", order_id: "order_1",
   * })
   */
  @InjectTransactionManager()
  async addPendingPoints(
    input: PendingPointsInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerResult> {
    return await this.changePending_(input, "earn_pending", sharedContext)
  }

  /**
   * Cancels pending points that will never become spendable (`earn_void`).
   *
   * @example
   * await loyaltyPointsService.voidPendingPoints({
   *   account_id: "lpacc_123", points: 25, idempotency_key: "void:order_1", order_id: "order_1",
   * })
   */
  @InjectTransactionManager()
  async voidPendingPoints(
    input: PendingPointsInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerResult> {
    return await this.changePending_(input, "earn_void", sharedContext)
  }

  /* ------------------------------------------------------------------ holds */

  /**
   * Reserves points for a cart: `available` drops at once. A cart has one active hold;
   * holding again for the same cart replaces it. Refuses (409) more than `available`.
   *
   * @example
   * await loyaltyPointsService.holdPoints({
   *   account_id: "lpacc_123", cart_id: "cart_1", points: 500, idempotency_key: "hold:cart_1:1",
   *   expires_at: new Date(Date.now() + 60 * 60 * 1000),
   * })
   */
  @InjectTransactionManager()
  async holdPoints(
    input: HoldPointsInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<HoldResult> {
    assertPositiveInteger(input.points, "points")
    assertIdempotencyKey(input.idempotency_key)
    if (typeof input.cart_id !== "string" || !input.cart_id.trim()) {
      throw invalid("cart_id is required")
    }
    const expiresAt = input.expires_at == null ? null : assertDate(input.expires_at, "expires_at")

    const knex = this.knex_(sharedContext)
    const account = await this.lockAccount_(knex, input.account_id)
    const existing = (await knex.raw(SQL.selectHoldByKey, [input.idempotency_key])).rows[0]
    if (existing) {
      if (existing.account_id !== account.id || existing.cart_id !== input.cart_id || existing.points !== input.points) {
        throw keyReused(input.idempotency_key)
      }
      return { hold: toHoldDTO(existing), account: toAccountDTO(account), replayed: true }
    }

    const current = (await knex.raw(SQL.selectActiveHoldForCart, [input.cart_id])).rows[0]
    if (current && current.account_id !== account.id) {
      throw new MedusaError(MedusaError.Types.CONFLICT, `Cart ${input.cart_id} already holds another account's points`)
    }
    const freed = current?.points ?? 0
    const available = account.balance - account.held + freed
    if (input.points > available) {
      throw notEnoughPoints(available, input.points)
    }
    if (current) {
      await knex.raw(SQL.setHoldStatus, ["released", null, current.id])
    }
    const { rows } = await knex.raw(SQL.insertHold, [
      newId("lphold"),
      account.id,
      input.cart_id,
      input.points,
      expiresAt,
      input.idempotency_key,
      input.metadata ? JSON.stringify(input.metadata) : null,
    ])
    const updated = await this.applyToAccount_(knex, account.id, null, { held: input.points - freed })
    return { hold: toHoldDTO(rows[0]), account: updated, replayed: false }
  }

  /**
   * Ends an active hold without spending it (`released`, or `expired` when stale).
   * Releasing a hold that is no longer active changes nothing.
   *
   * @example
   * await loyaltyPointsService.releaseHold({ hold_id: "lphold_123" })
   */
  @InjectTransactionManager()
  async releaseHold(
    input: ReleaseHoldInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<HoldResult> {
    const status = input.status ?? "released"
    if (status !== "released" && status !== "expired") {
      throw invalid("status must be released or expired")
    }
    const knex = this.knex_(sharedContext)
    const { hold, account } = await this.lockHold_(knex, input.hold_id)
    if (hold.status !== "active") {
      return { hold: toHoldDTO(hold), account: toAccountDTO(account), replayed: true }
    }
    const { rows } = await knex.raw(SQL.setHoldStatus, [status, null, hold.id])
    const updated = await this.applyToAccount_(knex, account.id, null, { held: -hold.points })
    return { hold: toHoldDTO(rows[0]), account: updated, replayed: false }
  }

  /**
   * Turns an active hold into a `redeem` entry for the points actually discounted (at
   * most the hold; the rest is released). Converting twice returns the first result.
   * Refuses (409) a hold that was released or expired, or whose points are gone.
   *
   * @example
   * await loyaltyPointsService.convertHold({ hold_id: "lphold_123", points: 450, order_id: "order_1" })
   */
  @InjectTransactionManager()
  async convertHold(
    input: ConvertHoldInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ConvertHoldResult> {
    const knex = this.knex_(sharedContext)
    const { hold, account } = await this.lockHold_(knex, input.hold_id)
    if (hold.status === "converted") {
      const entry = (await knex.raw(SQL.selectEntryById, [hold.entry_id])).rows[0]
      return { hold: toHoldDTO(hold), account: toAccountDTO(account), entry: toEntryDTO(entry), replayed: true }
    }
    if (hold.status !== "active") {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `The points hold for cart ${hold.cart_id} is no longer valid (${hold.status})`
      )
    }
    const points = input.points ?? hold.points
    assertPositiveInteger(points, "points")
    if (points > hold.points) {
      throw invalid(`points (${points}) exceed the hold (${hold.points})`)
    }
    const idempotencyKey = input.idempotency_key ?? `hold:${hold.id}:convert`
    assertIdempotencyKey(idempotencyKey)
    const availableToHold = account.balance - (account.held - hold.points)
    if (points > availableToHold) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `The points held for cart ${hold.cart_id} are no longer available: ${Math.max(availableToHold, 0)} left, ${points} needed`
      )
    }
    const debited = await this.debit_(
      knex,
      sharedContext,
      account,
      {
        ...input,
        idempotency_key: idempotencyKey,
        account_id: account.id,
        points,
        type: "redeem",
        reference_type: input.reference_type ?? "cart",
        reference_id: input.reference_id ?? hold.cart_id,
      },
      hold.points
    )
    if (!debited) {
      throw keyReused(idempotencyKey) // used by another change: the hold's own key never repeats under its lock
    }
    const { entry, account: updated } = debited
    const { rows } = await knex.raw(SQL.setHoldStatus, ["converted", entry.id, hold.id])
    return { hold: toHoldDTO(rows[0]), account: updated, entry, replayed: false }
  }

  /* ------------------------------------------------------------------ reversal */

  /**
   * Gives back (part of) a debit's points into the lots it took them from, latest
   * taken first, so a partial reversal leaves the lots as a smaller debit would have.
   * Where a lot's date has passed the points go into a new lot that lives
   * `grace_days` (programme `restore_grace_days` by default). When the balance is
   * negative the given-back points pay that debt first.
   *
   * @example
   * await loyaltyPointsService.reversePoints({
   *   entry_id: "lpent_redeem", points: 200, idempotency_key: "refund:ref_1:redeem", reason: "refund",
   * })
   */
  @InjectTransactionManager()
  async reversePoints(
    input: ReversePointsInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerResult> {
    const type = input.type ?? "redeem_reversal"
    if (type !== "redeem_reversal" && type !== "adjust") {
      throw invalid("type must be redeem_reversal or adjust")
    }
    assertPositiveInteger(input.points, "points")
    assertIdempotencyKey(input.idempotency_key)
    if (input.grace_days !== undefined) {
      assertNonNegativeInteger(input.grace_days, "grace_days")
    }

    const knex = this.knex_(sharedContext)
    const debit = (await knex.raw(SQL.selectEntryById, [input.entry_id])).rows[0]
    if (!debit) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Ledger entry ${input.entry_id} was not found`)
    }
    if (debit.balance_change >= 0) {
      throw invalid(`Ledger entry ${debit.id} is not a debit and cannot be reversed`)
    }
    const account = await this.lockAccount_(knex, debit.account_id)
    const replay = await this.replay_(knex, input.idempotency_key, account, type, input.points)
    if (replay) {
      return replay
    }
    const alreadyReversed = Number((await knex.raw(SQL.sumReversals, [debit.id])).rows[0].points)
    const reversible = -debit.balance_change - alreadyReversed
    if (input.points > reversible) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Only ${reversible} points of entry ${debit.id} can still be given back, ${input.points} requested`
      )
    }

    const settings = await this.settingsFor_(account.program_id, sharedContext)
    const graceDays = input.grace_days ?? settings.restore_grace_days
    const now = new Date()
    const graceExpiry = new Date(now.getTime() + graceDays * DAY_MS)
    const entry = await this.insertEntry_(knex, account, sharedContext, {
      ...input,
      type,
      points: input.points,
      balance_change: input.points,
      pending_change: 0,
      reversal_of_id: debit.id,
    })

    // Only the part that lifts the balance above zero goes into lots; the rest pays debt.
    let toLots = Math.max(account.balance + input.points, 0) - Math.max(account.balance, 0)
    const consumptions = (await knex.raw(SQL.selectConsumptionsForReversal, [debit.id])).rows
    for (const consumption of consumptions) {
      if (toLots <= 0) {
        break
      }
      const give = Math.min(consumption.points - consumption.reversed_points, toLots)
      if (give <= 0) {
        continue
      }
      const lotStillOpen = consumption.expires_at === null || new Date(consumption.expires_at) > now
      if (lotStillOpen) {
        await knex.raw(SQL.addToLot, [give, consumption.lot_id])
      } else {
        await knex.raw(SQL.insertLot, [newId("lplot"), account.id, entry.id, give, give, graceExpiry, consumption.lot_id])
      }
      await knex.raw(SQL.addReversedToConsumption, [give, consumption.id])
      toLots -= give
    }
    if (toLots > 0) {
      // Points the debit took as debt that later credits since paid off: they come back fresh.
      await knex.raw(SQL.insertLot, [newId("lplot"), account.id, entry.id, toLots, toLots, graceExpiry, null])
    }
    const updated = await this.applyToAccount_(knex, account.id, type, { balance: input.points })
    return { entry, account: updated, replayed: false }
  }

  /* ------------------------------------------------------------------ expiry */

  /**
   * Expires every lot whose date is at or before `as_of` (default now), in batches of
   * accounts, each batch one transaction of set-based SQL: lots emptied, one `expire`
   * entry per account valued at the programme's redemption value, balances lowered.
   * Running it twice expires nothing the second time. `dry_run` only counts.
   *
   * @example
   * const { points, money_amount } = await loyaltyPointsService.expirePoints({ as_of: new Date() })
   */
  @InjectManager()
  async expirePoints(
    input: ExpirePointsInput = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ExpirePointsResult> {
    const asOf = input.as_of === undefined ? new Date() : (assertDate(input.as_of, "as_of") as Date)
    const batchSize = input.batch_size ?? 1000
    assertPositiveInteger(batchSize, "batch_size")
    const settings = await this.getProgramSettings(undefined, sharedContext)
    const currency = settings.default_currency_code
    const valuePerPoint = settings.redemption_values[currency] ?? 0
    const result: ExpirePointsResult = {
      as_of: asOf.toISOString(),
      accounts: 0,
      lots: 0,
      points: 0,
      money_amount: 0,
      currency_code: currency,
      dry_run: Boolean(input.dry_run),
    }
    if (input.dry_run) {
      const row = (await this.knex_(sharedContext).raw(SQL.countDueLots, [asOf])).rows[0]
      result.accounts = Number(row.accounts)
      result.lots = Number(row.lots)
      result.points = Number(row.points)
      result.money_amount = roundMoney(result.points * valuePerPoint)
      return result
    }
    for (;;) {
      const batch = await this.expireBatch_(asOf, batchSize, currency, valuePerPoint, sharedContext)
      result.accounts += batch.accounts
      result.lots += batch.lots
      result.points += batch.points
      if (batch.accounts < batchSize) {
        break
      }
    }
    result.money_amount = roundMoney(result.points * valuePerPoint)
    return result
  }

  @InjectTransactionManager()
  protected async expireBatch_(
    asOf: Date,
    batchSize: number,
    currency: string,
    valuePerPoint: number,
    @MedusaContext() sharedContext: Context = {}
  ) {
    const knex = this.knex_(sharedContext)
    await knex.raw(SQL.setLockTimeout)
    // Lock first, in id order, then expire in a second statement whose snapshot sees
    // every change committed before the locks were granted.
    const locked = (await knex.raw(SQL.lockAccountsWithDueLots, [asOf, batchSize])).rows
    if (!locked.length) {
      return { accounts: 0, lots: 0, points: 0 }
    }
    const ids = locked.map((row: { id: string }) => row.id)
    const row = (
      await knex.raw(SQL.expireLotsOfAccounts, {
        ids,
        as_of: asOf,
        as_of_text: asOf.toISOString(),
        value_per_point: valuePerPoint,
        currency,
      })
    ).rows[0]
    return {
      accounts: ids.length,
      lots: Number(row?.lots ?? 0),
      points: Number(row?.points ?? 0),
    }
  }

  /* ------------------------------------------------------------------ account views and expiry moves */

  /**
   * The next days on which the accounts' points expire: open lots (remaining > 0)
   * grouped by expiry day, soonest first, at most `per_account` days each (default 10).
   * One query for any number of accounts.
   *
   * @example
   * const expiring = await loyaltyPointsService.listExpiringPoints(["lpacc_123"])
   * // { lpacc_123: [{ expires_at: Date, points: 120 }] }
   */
  @InjectManager()
  async listExpiringPoints(
    accountIds: string[],
    options: { per_account?: number } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Record<string, ExpiringPointsDTO[]>> {
    const perAccount = options.per_account ?? 10
    assertPositiveInteger(perAccount, "per_account")
    const result: Record<string, ExpiringPointsDTO[]> = Object.fromEntries(accountIds.map((id) => [id, []]))
    if (!accountIds.length) {
      return result
    }
    const { rows } = await this.knex_(sharedContext).raw(SQL.listExpiringPoints, {
      ids: accountIds,
      per_account: perAccount,
    })
    for (const row of rows) {
      result[row.account_id].push({ expires_at: new Date(row.expires_at), points: Number(row.points) })
    }
    return result
  }

  /**
   * Moves the expiry of every open lot (remaining > 0) of the account to `expires_at`
   * (`null`: never), or, given `lots`, each of those lots to its own date (how a move
   * is undone). Records the move as an `adjust` entry of 0 points whose metadata
   * lists each lot's previous date, so it is audited like any other change. Runs in
   * one transaction with the account row locked; the same idempotency key twice moves
   * once.
   *
   * @example
   * await loyaltyPointsService.moveLotsExpiry({
   *   account_id: "lpacc_123", expires_at: "2027-06-30T00:00:00.000Z",
   *   idempotency_key: "adjust:cus_1:abc", actor_type: "user", actor_id: "user_1", reason: "goodwill",
   * })
   */
  @InjectTransactionManager()
  async moveLotsExpiry(
    input: MoveLotsExpiryInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<MoveLotsExpiryResult> {
    assertIdempotencyKey(input.idempotency_key)
    const targets = input.lots?.map((lot, index) => {
      if (typeof lot?.lot_id !== "string" || !lot.lot_id.trim()) {
        throw invalid(`lots[${index}].lot_id is required`)
      }
      return { lot_id: lot.lot_id, expires_at: assertDate(lot.expires_at, `lots[${index}].expires_at`) }
    })
    const expiresAt = targets
      ? undefined
      : assertDate(input.expires_at === undefined ? (undefined as unknown as string) : input.expires_at, "expires_at")

    const knex = this.knex_(sharedContext)
    const account = await this.lockAccount_(knex, input.account_id)
    const replay = await this.replay_(knex, input.idempotency_key, account, "adjust", 0)
    if (replay) {
      return { ...replay, lots: [] }
    }
    const { rows } = targets
      ? await knex.raw(SQL.moveLotsExpiryTo, {
          account_id: account.id,
          lot_ids: targets.map((target) => target.lot_id),
          dates: targets.map((target) => target.expires_at?.toISOString() ?? null),
        })
      : await knex.raw(SQL.moveOpenLotsExpiry, {
          account_id: account.id,
          expires_at: expiresAt ? expiresAt.toISOString() : null,
        })
    const lots: LotExpiryMoveDTO[] = rows.map((row: Record<string, any>) => ({
      lot_id: row.lot_id,
      remaining: row.remaining,
      previous_expires_at: row.previous_expires_at === null ? null : new Date(row.previous_expires_at),
      expires_at: row.expires_at === null ? null : new Date(row.expires_at),
    }))
    const entry = await this.insertEntry_(knex, account, sharedContext, {
      ...input,
      type: "adjust",
      points: 0,
      balance_change: 0,
      pending_change: 0,
      metadata: {
        ...(input.metadata ?? {}),
        expiry_move: {
          expires_at: targets ? null : expiresAt?.toISOString() ?? null,
          points: lots.reduce((sum, lot) => sum + lot.remaining, 0),
          lots: lots.map((lot) => ({
            lot_id: lot.lot_id,
            remaining: lot.remaining,
            from: lot.previous_expires_at?.toISOString() ?? null,
            to: lot.expires_at?.toISOString() ?? null,
          })),
        },
      },
    })
    return { entry, account: toAccountDTO(account), lots, replayed: false }
  }

  /* ------------------------------------------------------------------ reconcile */

  /**
   * Compares every account's recorded figures with its ledger: balance and pending
   * with the sums of its entries, held with its active holds, open lot remainders with
   * the balance, lifetime figures with their entries. Reports every variance.
   *
   * @example
   * const { variances } = await loyaltyPointsService.reconcile()
   */
  @InjectManager()
  async reconcile(
    filters: { account_ids?: string[] } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ReconcileResult> {
    const knex = this.knex_(sharedContext)
    const ids = filters.account_ids?.length ? filters.account_ids : null
    const rows = (
      await knex.raw(SQL.reconcile, {
        ids,
        earned_types: LIFETIME_EARNED_TYPES,
        redeemed_types: LIFETIME_REDEEMED_TYPES,
      })
    ).rows
    const variances: ReconcileVariance[] = []
    let accountsChecked = 0
    for (const row of rows) {
      accountsChecked = Number(row.total_accounts)
      if (!row.id) {
        continue
      }
      const checks: [ReconcileVariance["field"], number, number][] = [
        ["balance", row.balance, Number(row.entry_balance)],
        ["pending", row.pending, Number(row.entry_pending)],
        ["held", row.held, Number(row.active_held)],
        ["lots", Number(row.lot_remaining), Math.max(row.balance, 0)],
        ["lifetime_earned", row.lifetime_earned, Number(row.entry_earned)],
        ["lifetime_redeemed", row.lifetime_redeemed, Number(row.entry_redeemed)],
      ]
      for (const [field, recorded, expected] of checks) {
        if (recorded !== expected) {
          variances.push({ account_id: row.id, field, recorded, expected })
        }
      }
      if (Number(row.bad_lots) > 0) {
        variances.push({ account_id: row.id, field: "lots", recorded: Number(row.bad_lots), expected: 0 })
      }
    }
    return { accounts_checked: accountsChecked, variances }
  }

  /* ------------------------------------------------------------------ earning */

  /**
   * Records an order's earnable points as pending (`earn_pending`), once per key, after
   * the per-customer daily cap (counted under the account lock, so concurrent orders
   * cannot both slip under it). The entry is written even when the cap or the
   * programme leaves nothing to earn, so a redelivered event on a later day cannot
   * earn for an old order.
   *
   * @example
   * await loyaltyPointsService.recordPendingEarning({
   *   account_id: "lpacc_123", order_id: "order_1", points: 42, max_points_per_day: 500,
   *   idempotency_key: "earn_pending:order_1",
   * })
   */
  @InjectTransactionManager()
  async recordPendingEarning(
    input: RecordPendingEarningInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RecordPendingEarningResult> {
    assertNonNegativeInteger(input.points, "points")
    assertIdempotencyKey(input.idempotency_key)
    if (input.max_points_per_day != null) {
      assertNonNegativeInteger(input.max_points_per_day, "max_points_per_day")
    }
    const knex = this.knex_(sharedContext)
    const account = await this.lockAccount_(knex, input.account_id)
    const existing = (await knex.raw(SQL.selectEntryByKey, [input.idempotency_key])).rows[0]
    if (existing) {
      if (existing.account_id !== account.id || existing.type !== "earn_pending") {
        throw keyReused(input.idempotency_key)
      }
      return {
        entry: toEntryDTO(existing),
        account: toAccountDTO(account),
        points: existing.points,
        capped_from: existing.metadata?.capped_from ?? null,
        replayed: true,
      }
    }
    let points = input.points
    let cappedFrom: number | null = null
    if (input.max_points_per_day != null) {
      const today = Number((await knex.raw(SQL.sumPendingEarnedToday, [account.id])).rows[0].points)
      const allowed = Math.max(input.max_points_per_day - today, 0)
      if (points > allowed) {
        cappedFrom = points
        points = allowed
      }
    }
    const entry = await this.insertEntry_(knex, account, sharedContext, {
      ...input,
      type: "earn_pending",
      reason: input.reason ?? "order_placed",
      reference_type: "order",
      reference_id: input.order_id,
      points,
      balance_change: 0,
      pending_change: points,
      metadata: { ...(input.metadata ?? {}), ...(cappedFrom !== null ? { capped_from: cappedFrom } : {}) },
    })
    const updated = points ? await this.applyToAccount_(knex, account.id, "earn_pending", { pending: points }) : toAccountDTO(account)
    return { entry, account: updated, points, capped_from: cappedFrom, replayed: false }
  }

  /**
   * Makes the captured share of an order's pending points spendable (`earn`): the
   * target is computed under the account lock from the points recorded pending and the
   * money captured so far, and only the difference with what the order already earned
   * is credited. The capture that completes the payment earns exactly the remainder.
   * Calling it again for the same payment state changes nothing, whichever event (the
   * capture, or the order placement that found the payment captured) calls it.
   *
   * @example
   * await loyaltyPointsService.settleOrderEarning({
   *   account_id: "lpacc_123", order_id: "order_1", captured_amount: 50, payable_amount: 100,
   * })
   */
  @InjectTransactionManager()
  async settleOrderEarning(
    input: SettleOrderEarningInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SettleOrderEarningResult> {
    for (const field of ["captured_amount", "payable_amount"] as const) {
      if (typeof input[field] !== "number" || !Number.isFinite(input[field]) || input[field] < 0) {
        throw invalid(`${field} must be a non-negative amount`)
      }
    }
    const knex = this.knex_(sharedContext)
    const account = await this.lockAccount_(knex, input.account_id)
    const order = await this.orderFigures_(knex, account.id, input.order_id)
    const target = earnedShare(order.earnable, input.captured_amount, input.payable_amount)
    // Points voided for a refund handled before this capture count as settled.
    const delta = earnableDelta(target, order)
    if (delta <= 0) {
      return { entry: null, account: toAccountDTO(account), earned_total: order.earned, replayed: true }
    }
    const idempotencyKey = `earn:${input.order_id}:${target}`
    const replay = await this.replay_(knex, idempotencyKey, account, "earn", delta)
    if (replay) {
      return { entry: replay.entry, account: replay.account, earned_total: order.earned, replayed: true }
    }
    const share = order.earnable ? delta / order.earnable : 0
    const result = (await this.credit_(
      knex,
      sharedContext,
      account,
      {
        account_id: account.id,
        points: delta,
        type: "earn",
        from_pending: delta,
        idempotency_key: idempotencyKey,
        reason: "payment_captured",
        order_id: input.order_id,
        currency_code: input.currency_code,
        reference_type: input.reference_type ?? "order",
        reference_id: input.reference_id ?? input.order_id,
        metadata: {
          ...(input.metadata ?? {}),
          captured_amount: input.captured_amount,
          payable_amount: input.payable_amount,
          earned_total: target,
          qualifying_amount: roundMoney(order.qualifying_amount * share),
        },
      },
      undefined
    )) ?? (await this.replayAfterConflict_(knex, idempotencyKey, account, "earn", delta))
    return { entry: result.entry, account: result.account, earned_total: target, replayed: result.replayed }
  }

  /**
   * An order's points as the ledger records them: earnable (recorded pending), still
   * pending, earned, voided, redeemed, given back and clawed back.
   *
   * @example
   * const { earned, pending } = await loyaltyPointsService.summarizeOrderPoints("order_1")
   */
  @InjectManager()
  async summarizeOrderPoints(
    orderId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<OrderPointsSummary> {
    const row = (await this.knex_(sharedContext).raw(SQL.summarizeOrder, [orderId])).rows[0]
    return {
      earnable: Number(row.earnable),
      pending: Number(row.pending),
      earned: Number(row.earned),
      voided: Number(row.voided),
      redeemed: Number(row.redeemed),
      given_back: Number(row.given_back),
      clawed_back: Number(row.clawed_back),
      written_off: Number(row.written_off),
    }
  }

  /**
   * Each account's tier and the next one with the points (or spend) still needed,
   * measured over each tier's rolling window; one query for any number of accounts.
   *
   * @example
   * const statuses = await loyaltyPointsService.retrieveTierStatuses(["lpacc_123"])
   * const { tier, next_tier } = statuses.get("lpacc_123")!
   */
  @InjectManager()
  async retrieveTierStatuses(
    accountIds: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Map<string, TierStatus>> {
    const knex = this.knex_(sharedContext)
    const ids = [...new Set(accountIds)]
    if (!ids.length) {
      return new Map()
    }
    const accounts = (await knex.raw(SQL.selectAccountTiers, [ids])).rows as { id: string; tier_id: string | null }[]
    const tiers = await this.tiersWithQualifying_(knex, ids, sharedContext)
    return new Map(accounts.map((account) => [account.id, this.tierStatus_(tiers.get(account.id) ?? [], account.tier_id)]))
  }

  /**
   * The account's tier and the next one, as `retrieveTierStatuses` for one account.
   *
   * @example
   * const { tier, next_tier } = await loyaltyPointsService.retrieveTierStatus("lpacc_123")
   */
  @InjectManager()
  async retrieveTierStatus(
    accountId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<TierStatus> {
    const status = (await this.retrieveTierStatuses([accountId], sharedContext)).get(accountId)
    if (!status) {
      throw accountNotFound(accountId)
    }
    return status
  }

  /**
   * Raises the account to the highest tier whose threshold it now meets; never lowers
   * it (that is the nightly job's). Runs under the account lock.
   *
   * @example
   * const { changed, tier_id } = await loyaltyPointsService.raiseTierIfQualified("lpacc_123")
   */
  @InjectTransactionManager()
  async raiseTierIfQualified(
    accountId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RaiseTierResult> {
    const knex = this.knex_(sharedContext)
    const account = await this.lockAccount_(knex, accountId)
    const tiers = (await this.tiersWithQualifying_(knex, [account.id], sharedContext)).get(account.id) ?? []
    const current = tiers.find((tier) => tier.id === account.tier_id) ?? null
    const reached = [...tiers].reverse().find((tier) => tier.qualifying >= tier.threshold) ?? null
    if (!reached || (current && reached.rank <= current.rank)) {
      return { changed: false, previous_tier_id: account.tier_id, tier_id: account.tier_id, account: toAccountDTO(account) }
    }
    const { rows } = await knex.raw(SQL.setAccountTier, [reached.id, account.id])
    return { changed: true, previous_tier_id: account.tier_id, tier_id: reached.id, account: toAccountDTO(rows[0]) }
  }

  /**
   * Puts an account back on a given tier: the compensation of a tier change.
   *
   * @example
   * await loyaltyPointsService.setAccountTier("lpacc_123", null)
   */
  @InjectTransactionManager()
  async setAccountTier(
    accountId: string,
    tierId: string | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerAccountDTO> {
    const knex = this.knex_(sharedContext)
    const account = await this.lockAccount_(knex, accountId)
    const { rows } = await knex.raw(SQL.setAccountTier, [tierId, account.id])
    return toAccountDTO(rows[0])
  }

  protected async orderFigures_(knex: Knex, accountId: string, orderId: string) {
    const row = (await knex.raw(SQL.orderEarningFigures, [accountId, orderId])).rows[0]
    return {
      earnable: Number(row.earnable),
      pending: Number(row.pending),
      earned: Number(row.earned),
      voided: Number(row.voided),
      qualifying_amount: Number(row.qualifying_amount ?? 0),
    }
  }

  /** Each account's tiers (lowest rank first) with its qualifying figure per tier window. */
  protected async tiersWithQualifying_(knex: Knex, accountIds: string[], sharedContext: Context) {
    const settings = await this.getProgramSettings(undefined, sharedContext)
    const { rows } = await knex.raw(SQL.tiersWithQualifying, {
      ids: accountIds,
      currency: settings.default_currency_code,
    })
    const byAccount = new Map<string, TierWithQualifying[]>(accountIds.map((id) => [id, []]))
    for (const row of rows as Record<string, any>[]) {
      byAccount.get(row.account_id)?.push({
        id: row.id,
        name: row.name,
        rank: row.rank,
        threshold: row.threshold,
        threshold_type: row.threshold_type,
        window_months: row.window_months,
        earn_multiplier: Number(row.earn_multiplier),
        description: row.description ?? null,
        qualifying: Number(row.qualifying),
      })
    }
    return byAccount
  }

  protected tierStatus_(tiers: TierWithQualifying[], tierId: string | null): TierStatus {
    const view = ({ qualifying: _qualifying, ...tier }: TierWithQualifying) => tier
    const current = tiers.find((tier) => tier.id === tierId) ?? null
    const next = tiers.find((tier) => tier.rank > (current?.rank ?? -1)) ?? null
    return {
      tier: current ? view(current) : null,
      next_tier: next ? { ...view(next), points_needed: Math.max(Math.ceil(next.threshold - next.qualifying), 0) } : null,
      qualifying: next?.qualifying ?? current?.qualifying ?? 0,
    }
  }

  /* ------------------------------------------------------------------ redemption */

  /**
   * The cart's active hold, or null.
   *
   * @example
   * const hold = await loyaltyPointsService.retrieveActiveHoldForCart("cart_123")
   */
  @InjectManager()
  async retrieveActiveHoldForCart(
    cartId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerHoldDTO | null> {
    const row = (await this.knex_(sharedContext).raw(SQL.selectActiveHoldForCart, [cartId])).rows[0]
    return row ? toHoldDTO(row) : null
  }

  /**
   * Active holds whose time ran out before `now`, oldest first.
   *
   * @example
   * const stale = await loyaltyPointsService.listStaleHolds(new Date(), 100)
   */
  @InjectManager()
  async listStaleHolds(
    now: Date = new Date(),
    limit = 100,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerHoldDTO[]> {
    const { rows } = await this.knex_(sharedContext).raw(SQL.selectStaleHolds, [now, limit])
    return rows.map(toHoldDTO)
  }

  /**
   * Undoes a hold's conversion: gives the redeem entry's points back into the lots it
   * took them from and makes the hold active again, so a cart whose completion failed
   * after its points were spent can be completed later. The compensation of the
   * completion hook; doing it twice changes nothing.
   *
   * @example
   * await loyaltyPointsService.undoHoldConversion("lphold_123")
   */
  @InjectTransactionManager()
  async undoHoldConversion(
    holdId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<HoldResult> {
    const knex = this.knex_(sharedContext)
    const { hold, account } = await this.lockHold_(knex, holdId)
    if (hold.status !== "converted" || !hold.entry_id) {
      return { hold: toHoldDTO(hold), account: toAccountDTO(account), replayed: true }
    }
    const entry = (await knex.raw(SQL.selectEntryById, [hold.entry_id])).rows[0]
    const alreadyReversed = Number((await knex.raw(SQL.sumReversals, [entry.id])).rows[0].points)
    const points = -entry.balance_change - alreadyReversed
    let current = account
    if (points > 0) {
      await this.reversePoints(
        {
          entry_id: entry.id,
          points,
          idempotency_key: `${entry.idempotency_key}:undo`,
          reason: "completion_failed",
          reference_type: "cart",
          reference_id: hold.cart_id,
        },
        sharedContext
      )
      current = (await knex.raw(SQL.lockAccount, [account.id])).rows[0]
    }
    const restored = (await knex.raw(SQL.reactivateHold, [hold.id])).rows[0]
    const updated = await this.applyToAccount_(knex, current.id, null, { held: hold.points })
    return { hold: toHoldDTO(restored), account: updated, replayed: false }
  }

  /**
   * Records on a cart's `redeem` entry the order the cart became (the entry is written
   * during completion, before the order exists). Changes no points.
   *
   * @example
   * await loyaltyPointsService.attachOrderToCartRedemption("cart_123", "order_123")
   */
  @InjectTransactionManager()
  async attachOrderToCartRedemption(
    cartId: string,
    orderId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ entry_id: string; account_id: string; points: number }[]> {
    const { rows } = await this.knex_(sharedContext).raw(SQL.attachOrderToCartRedemption, [orderId, cartId])
    return rows.map((row: Record<string, any>) => ({ entry_id: row.id, account_id: row.account_id, points: -row.points }))
  }

  /* ------------------------------------------------------------------ order reversal: refunds, cancellations, edits */

  /**
   * Takes back what an order's refunds or its cancellation take away, exactly and once.
   * Under the account lock it reads the order's figures from its entries, computes the
   * cumulative targets for the money as it now stands (`planOrderReversal`) and writes
   * only the differences, in this order: an `earn_void` of pending points, a
   * `redeem_reversal` per `redeem` entry (into the lots its points came from, or a
   * grace lot where their date has passed), and a `clawback` of earned points. The
   * give-back comes before the clawback so the two net out on the balance before
   * anything is written off.
   *
   * A clawback larger than the balance takes the balance below zero (later earnings pay
   * the debt first) when `allow_negative_balance` (default: the plugin option) is true;
   * otherwise it stops at zero and records the rest in the entry's
   * `metadata.written_off`, which counts as clawed back so it is never clawed again.
   *
   * Keys come from the cumulative totals (`earn_void:<order>:reversed:<total>`,
   * `redeem_reversal:<order>:<total>`, `clawback:<order>:<total>`), so the refund path,
   * the cancel path, a repeat and a late event all end in the same state: a call that
   * finds nothing left to do writes nothing and answers `replayed: true`.
   *
   * @example
   * await loyaltyPointsService.settleOrderReversal({
   *   account_id: "lpacc_123", order_id: "order_1", cart_id: "cart_1",
   *   captured_amount: 121, refunded_amount: 60.5, payable_amount: 121, canceled: false,
   *   cause: { type: "refund", id: "ref_1", payment_id: "pay_1" }, currency_code: "usd",
   * })
   */
  @InjectTransactionManager()
  async settleOrderReversal(
    input: SettleOrderReversalInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SettleOrderReversalResult> {
    for (const field of ["captured_amount", "refunded_amount", "payable_amount"] as const) {
      if (typeof input[field] !== "number" || !Number.isFinite(input[field]) || input[field] < 0) {
        throw invalid(`${field} must be a non-negative amount`)
      }
    }
    if (typeof input.order_id !== "string" || !input.order_id.trim()) {
      throw invalid("order_id is required")
    }
    const cause = input.cause
    if (!cause || (cause.type !== "refund" && cause.type !== "cancel") || typeof cause.id !== "string" || !cause.id) {
      throw invalid("cause must be { type: refund | cancel, id }")
    }
    const canceled = input.canceled || cause.type === "cancel"
    const cartId = input.cart_id ?? null

    const knex = this.knex_(sharedContext)
    const account = await this.lockAccount_(knex, input.account_id)
    const settings = await this.settingsFor_(account.program_id, sharedContext)
    const before = await this.orderReversalFigures_(knex, account.id, input.order_id, cartId)
    const plan = planOrderReversal(
      before,
      { ...input, canceled },
      settings.restore_redeemed_on_refund
    )
    const result: SettleOrderReversalResult = {
      entries: [],
      voided: 0,
      given_back: 0,
      clawed_back: 0,
      written_off: 0,
      account: toAccountDTO(account),
      figures: stripQualifying(before),
      replayed: true,
    }
    if (!plan.void && !plan.give_back && !plan.claw_back) {
      return result
    }

    const context: EntryContext = {
      idempotency_key: "",
      order_id: input.order_id,
      currency_code: input.currency_code ?? null,
      actor_type: "system",
      reason: cause.type === "cancel" ? "order_canceled" : "refund",
      reference_type: cause.type === "cancel" ? "order" : "refund",
      reference_id: cause.id,
    }
    const metadata = {
      cause,
      captured_amount: input.captured_amount,
      refunded_amount: input.refunded_amount,
      payable_amount: input.payable_amount,
    }

    if (plan.void > 0) {
      const { entry } = await this.changePending_(
        {
          ...context,
          account_id: account.id,
          points: plan.void,
          idempotency_key: `earn_void:${input.order_id}:reversed:${before.voided + plan.void}`,
          metadata,
        },
        "earn_void",
        sharedContext
      )
      result.entries.push(entry)
      result.voided = plan.void
    }

    if (plan.give_back > 0) {
      let left = plan.give_back
      let givenTotal = before.given_back
      const redeems = (
        await knex.raw(SQL.selectOrderRedeemEntries, { account_id: account.id, order_id: input.order_id, cart_id: cartId })
      ).rows as { id: string; reversible: string | number }[]
      for (const redeem of redeems) {
        const give = Math.min(left, Number(redeem.reversible))
        if (give <= 0) {
          continue
        }
        givenTotal += give
        const { entry } = await this.reversePoints(
          {
            ...context,
            entry_id: redeem.id,
            points: give,
            idempotency_key: `redeem_reversal:${input.order_id}:${givenTotal}`,
            metadata,
          },
          sharedContext
        )
        result.entries.push(entry)
        result.given_back += give
        left -= give
      }
    }

    if (plan.claw_back > 0) {
      // Re-read under the same lock: the void and the give-back changed the balance.
      const current = await this.lockAccount_(knex, account.id)
      const allowDebt = input.allow_negative_balance ?? this.options_.allow_negative_balance
      const taken = allowDebt ? plan.claw_back : Math.min(plan.claw_back, Math.max(current.balance, 0))
      const writtenOff = plan.claw_back - taken
      const clawedTotal = before.clawed_back + before.written_off + plan.claw_back
      const entry = await this.insertEntry_(knex, current, sharedContext, {
        ...context,
        idempotency_key: `clawback:${input.order_id}:${clawedTotal}`,
        type: "clawback",
        points: -taken || 0,
        balance_change: -taken || 0,
        pending_change: 0,
        metadata: {
          ...metadata,
          written_off: writtenOff,
          clawed_total: clawedTotal,
          // The spend behind the clawed points, so spend-based tiers lose it too.
          qualifying_amount: before.earned
            ? roundMoney((before.earned_qualifying_amount * plan.claw_back) / before.earned)
            : 0,
        },
      })
      // Only the part of the balance backed by lots can come out of lots; the rest is debt.
      const fromLots = Math.min(taken, Math.max(current.balance, 0))
      if (fromLots > 0) {
        const own = (
          await knex.raw(SQL.consumeOrderEarnLots, { account_id: account.id, order_id: input.order_id, points: fromLots })
        ).rows as { lot_id: string; taken: number }[]
        const rest = fromLots - own.reduce((sum, row) => sum + row.taken, 0)
        const other = rest > 0 ? (await knex.raw(SQL.consumeLots, { account_id: account.id, points: rest })).rows : []
        await this.recordConsumptions_(knex, account.id, entry.id, [...own, ...other])
      }
      await this.applyToAccount_(knex, account.id, "clawback", { balance: -taken })
      result.entries.push(entry)
      result.clawed_back = taken
      result.written_off = writtenOff
    }

    result.account = toAccountDTO((await knex.raw(SQL.selectAccount, [account.id])).rows[0])
    result.figures = stripQualifying(await this.orderReversalFigures_(knex, account.id, input.order_id, cartId))
    result.replayed = false
    return result
  }

  /**
   * Moves an order's earnable points to the figure recomputed after an order edit, with
   * an `earn_pending` (increase) or `earn_void` with reason `order_edited` (decrease),
   * while none of them has been earned or reversed; after that the money moves them
   * (captures earn, refunds claw back) and the figure is left alone. An order the daily
   * cap cut can go down, not up. The same revision twice changes nothing.
   *
   * @example
   * await loyaltyPointsService.reviseOrderEarning({
   *   account_id: "lpacc_123", order_id: "order_1", points: 75, revision: "2", currency_code: "usd",
   * })
   */
  @InjectTransactionManager()
  async reviseOrderEarning(
    input: ReviseOrderEarningInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ReviseOrderEarningResult> {
    assertNonNegativeInteger(input.points, "points")
    if (typeof input.order_id !== "string" || !input.order_id.trim()) {
      throw invalid("order_id is required")
    }
    if (typeof input.revision !== "string" || !input.revision.trim()) {
      throw invalid("revision is required")
    }
    const knex = this.knex_(sharedContext)
    const account = await this.lockAccount_(knex, input.account_id)
    const figures = await this.orderReversalFigures_(knex, account.id, input.order_id, null)
    const unchanged = (skipped: ReviseOrderEarningResult["skipped"]): ReviseOrderEarningResult => ({
      entry: null,
      account: toAccountDTO(account),
      earnable: figures.earnable,
      skipped,
    })
    if (!figures.recorded) {
      return unchanged("not_recorded")
    }
    if (figures.earned > 0 || figures.voided > 0 || figures.clawed_back + figures.written_off > 0 || figures.given_back > 0) {
      return unchanged("already_settled")
    }
    const target = figures.capped ? Math.min(input.points, figures.earnable) : input.points
    const delta = target - figures.earnable
    if (delta === 0) {
      return unchanged(null)
    }
    const { entry, account: updated } = await this.changePending_(
      {
        account_id: account.id,
        points: Math.abs(delta),
        idempotency_key: `earn_revision:${input.order_id}:${input.revision}:${target}`,
        order_id: input.order_id,
        currency_code: input.currency_code ?? null,
        reason: "order_edited",
        reference_type: "order",
        reference_id: input.order_id,
        metadata: { ...(input.metadata ?? {}), order_edit: { revision: input.revision, from: figures.earnable, to: target } },
      },
      delta > 0 ? "earn_pending" : "earn_void",
      sharedContext
    )
    return { entry, account: updated, earnable: target, skipped: null }
  }

  /** Records which lots a debit took how much from, so a reversal can put them back. */
  protected async recordConsumptions_(
    knex: Knex,
    accountId: string,
    entryId: string,
    taken: { lot_id: string; taken: number }[]
  ) {
    if (!taken.length) {
      return
    }
    const values = taken.map((row) => [newId("lpcon"), accountId, entryId, row.lot_id, row.taken])
    await knex.raw(
      `INSERT INTO loyalty_points_lot_consumption (id, account_id, entry_id, lot_id, points) VALUES ${values
        .map(() => "(?, ?, ?, ?, ?)")
        .join(", ")}`,
      values.flat()
    )
  }

  /** One order's figures on a locked account, for reversing or revising them. */
  protected async orderReversalFigures_(
    knex: Knex,
    accountId: string,
    orderId: string,
    cartId: string | null
  ): Promise<OrderReversalFigures & { earned_qualifying_amount: number }> {
    const row = (
      await knex.raw(SQL.orderReversalFigures, { account_id: accountId, order_id: orderId, cart_id: cartId })
    ).rows[0]
    return {
      earnable: Number(row.earnable),
      pending: Number(row.pending),
      earned: Number(row.earned),
      voided: Number(row.voided),
      clawed_back: Number(row.clawed_back),
      written_off: Number(row.written_off),
      redeemed: Number(row.redeemed),
      given_back: Number(row.given_back),
      recorded: Boolean(row.recorded),
      capped: Boolean(row.capped),
      earned_qualifying_amount: Number(row.earned_qualifying_amount ?? 0),
    }
  }

  /* ------------------------------------------------------------------ one-time codes */

  /**
   * Issues a 6-digit one-time code for spending `points` on a cart, replacing any
   * earlier unused code of that cart. Keeps only a salted hash; the code lives 10
   * minutes. Answers the code itself once, for the notification.
   *
   * @example
   * const { code, expires_at } = await loyaltyPointsService.issueRedemptionOtp({ account_id, cart_id, points: 5000 })
   */
  @InjectTransactionManager()
  async issueRedemptionOtp(
    input: { account_id: string; cart_id: string; points: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; code: string; expires_at: Date }> {
    assertPositiveInteger(input.points, "points")
    const knex = this.knex_(sharedContext)
    const account = await this.lockAccount_(knex, input.account_id)
    await knex.raw(SQL.supersedeOtps, [account.id, input.cart_id])
    const id = newId("lpotp")
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0")
    const expiresAt = new Date(Date.now() + OTP_TTL_MS)
    await knex.raw(SQL.insertOtp, [id, account.id, input.cart_id, input.points, hashOtp(id, code), expiresAt])
    return { id, code, expires_at: expiresAt }
  }

  /**
   * Checks a one-time code for spending `points` on a cart. A wrong code counts an
   * attempt (kept even though the redemption is refused); the fifth wrong attempt, an
   * expired code or a code for other points all refuse. A right code is used up.
   * Answers why it was refused rather than throwing, so the attempt is recorded.
   *
   * @example
   * const { ok, message } = await loyaltyPointsService.verifyRedemptionOtp({ account_id, cart_id, points: 5000, code: "123456" })
   */
  @InjectTransactionManager()
  async verifyRedemptionOtp(
    input: { account_id: string; cart_id: string; points: number; code: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ ok: boolean; message: string | null }> {
    const knex = this.knex_(sharedContext)
    const account = await this.lockAccount_(knex, input.account_id)
    const otp = (await knex.raw(SQL.selectLatestOtp, [account.id, input.cart_id])).rows[0]
    if (!otp) {
      return { ok: false, message: "No one-time code was requested for this cart: send the request without otp to get one" }
    }
    if (otp.attempts >= OTP_MAX_ATTEMPTS) {
      return { ok: false, message: "Too many wrong attempts: send the request without otp to get a new code" }
    }
    if (new Date(otp.expires_at) <= new Date()) {
      return { ok: false, message: "The one-time code has expired: send the request without otp to get a new code" }
    }
    if (otp.points !== input.points) {
      return { ok: false, message: `The one-time code was issued for ${otp.points} points, not ${input.points}` }
    }
    const expected = Buffer.from(otp.code_hash, "hex")
    const given = Buffer.from(hashOtp(otp.id, String(input.code ?? "")), "hex")
    if (!timingSafeEqual(expected, given)) {
      const attempts = otp.attempts + 1
      await knex.raw(SQL.countOtpAttempt, [otp.id])
      const left = OTP_MAX_ATTEMPTS - attempts
      return {
        ok: false,
        message: left > 0 ? `Wrong one-time code: ${left} attempts left` : "Too many wrong attempts: send the request without otp to get a new code",
      }
    }
    await knex.raw(SQL.consumeOtp, [otp.id])
    return { ok: true, message: null }
  }

  /* ------------------------------------------------------------------ internals */

  /**
   * Runs a hot-path query as a named prepared statement: pg parses it once per pooled
   * connection and PostgreSQL reuses its plan, which for these statements costs more
   * than executing them. The SQL behind a name must never vary (no array bindings that
   * knex expands) and must list its result columns (no `*`), or a migration adding a
   * column would fail the cached plan. Off with the `prepared_statements` option
   * (PgBouncer in transaction mode before 1.21 cannot keep them).
   */
  protected prepared_(query: any, name: string) {
    return this.options_.prepared_statements ? query.options({ name: `loyalty_points_${name}` }) : query
  }

  protected knex_(sharedContext: Context): Knex {
    const manager = (sharedContext.transactionManager ?? sharedContext.manager) as SqlEntityManager
    return manager.getTransactionContext() ?? manager.getKnex()
  }

  /** Locks the account row for the rest of the transaction; refuses outside one. */
  protected async lockAccount_(knex: Knex, accountId: string): Promise<AccountRow> {
    if (typeof accountId !== "string" || !accountId.trim()) {
      throw invalid("account_id is required")
    }
    if (!knex.isTransaction) {
      // Without a transaction the lock would end at once and two debits could overspend.
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "Loyalty accounts can only be locked inside a transaction")
    }
    const { rows } = await this.prepared_(knex.raw(SQL.lockAccount, [accountId]), "lock_account")
    if (!rows.length) {
      throw accountNotFound(accountId)
    }
    return rows[0]
  }

  /** Locks a hold's account, then re-reads the hold under that lock. */
  protected async lockHold_(knex: Knex, holdId: string) {
    if (typeof holdId !== "string" || !holdId.trim()) {
      throw invalid("hold_id is required")
    }
    const found = (await knex.raw(SQL.selectHold, [holdId])).rows[0]
    if (!found) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Loyalty points hold ${holdId} was not found`)
    }
    const account = await this.lockAccount_(knex, found.account_id)
    const hold = (await knex.raw(SQL.selectHold, [holdId])).rows[0]
    return { hold, account }
  }

  /**
   * When the idempotency key was used, returns the first result; refuses a key that
   * was used for a different change.
   */
  protected async replay_(
    knex: Knex,
    key: string,
    account: AccountRow,
    type: EntryType,
    points: number
  ): Promise<LedgerResult | null> {
    const existing = (await knex.raw(SQL.selectEntryByKey, [key])).rows[0]
    if (!existing) {
      return null
    }
    if (existing.account_id !== account.id || existing.type !== type || existing.points !== points) {
      throw keyReused(key)
    }
    return { entry: toEntryDTO(existing), account: toAccountDTO(account), replayed: true }
  }

  protected async changePending_(
    input: PendingPointsInput,
    type: "earn_pending" | "earn_void",
    sharedContext: Context
  ): Promise<LedgerResult> {
    assertPositiveInteger(input.points, "points")
    assertIdempotencyKey(input.idempotency_key)
    const knex = this.knex_(sharedContext)
    const account = await this.lockAccount_(knex, input.account_id)
    const signed = type === "earn_pending" ? input.points : -input.points
    const replay = await this.replay_(knex, input.idempotency_key, account, type, signed)
    if (replay) {
      return replay
    }
    if (type === "earn_void" && input.points > account.pending) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Cannot void ${input.points} pending points: the account has ${account.pending}`
      )
    }
    const entry = await this.insertEntry_(knex, account, sharedContext, {
      ...input,
      type,
      points: signed,
      balance_change: 0,
      pending_change: signed,
    })
    const updated = await this.applyToAccount_(knex, account.id, type, { pending: signed })
    return { entry, account: updated, replayed: false }
  }

  /**
   * Writes a debit on a locked account: consumes lots first-expiring-first (as far as
   * the balance is backed by lots), records the consumption, lowers the balance and
   * releases `releaseHeld` points of `held`.
   */
  protected async debit_(
    knex: Knex,
    sharedContext: Context,
    account: AccountRow,
    input: DebitPointsInput & { type: EntryType },
    releaseHeld: number
  ): Promise<LedgerResult | null> {
    return await this.writeEntry_(knex, account, sharedContext, SQL.debitEntryLotsAndAccount, {
      entry: { ...input, points: -input.points, balance_change: -input.points, pending_change: 0 },
      from_lots: Math.max(Math.min(input.points, Math.max(account.balance, 0)), 0),
      pending: 0,
      held: -releaseHeld,
    })
  }

  /**
   * Runs one of the whole-change statements (an entry and what it does to lots and to
   * the account, see utils/sql.ts) on a locked account. Returns null when the entry's
   * idempotency key was already used, in which case nothing was changed.
   */
  protected async writeEntry_(
    knex: Knex,
    account: AccountRow,
    sharedContext: Context,
    statement: string,
    params: {
      entry: EntryContext & {
        type: EntryType
        points: number
        balance_change: number
        pending_change: number
        reversal_of_id?: string | null
      }
      pending: number
      held: number
      [name: string]: unknown
    }
  ): Promise<LedgerResult | null> {
    const { entry: data, ...rest } = params
    const moneyAmount =
      data.money_amount ??
      (data.currency_code ? await this.moneyValue_(account, data.points, data.currency_code, sharedContext) : null)
    const { earned, redeemed } = lifetimeChanges(data.type, data.balance_change)
    const { rows } = await this.prepared_(knex.raw(statement, {
      lot_id: null,
      lot_points: 0,
      expires_at: null,
      from_lots: 0,
      ...rest,
      id: newId("lpent"),
      account_id: account.id,
      program_id: account.program_id,
      type: data.type,
      points: data.points,
      balance_change: data.balance_change,
      pending_change: data.pending_change,
      money_amount: moneyAmount,
      raw_money_amount: moneyAmount === null ? null : JSON.stringify({ value: String(moneyAmount), precision: 20 }),
      currency_code: data.currency_code?.toLowerCase() ?? null,
      actor_type: data.actor_type ?? "system",
      actor_id: data.actor_id ?? null,
      reason: data.reason ?? null,
      note: data.note ?? null,
      reference_type: data.reference_type ?? null,
      reference_id: data.reference_id ?? null,
      order_id: data.order_id ?? null,
      reversal_of_id: data.reversal_of_id ?? null,
      idempotency_key: data.idempotency_key,
      metadata: data.metadata ? JSON.stringify(data.metadata) : null,
      balance: data.balance_change,
      earned,
      redeemed,
    }), statement === SQL.creditEntryLotAndAccount ? "credit" : "debit")
    const row = rows[0]
    if (!row) {
      return null
    }
    const updated = toAccountDTO({
      ...account,
      balance: row.account_balance,
      pending: row.account_pending,
      held: row.account_held,
      lifetime_earned: row.account_lifetime_earned,
      lifetime_redeemed: row.account_lifetime_redeemed,
      updated_at: row.account_updated_at,
    })
    return { entry: toEntryDTO(row), account: updated, replayed: false }
  }

  /** After a write found its idempotency key used: the first result, or 409 for another change. */
  protected async replayAfterConflict_(
    knex: Knex,
    key: string,
    account: AccountRow,
    type: EntryType,
    points: number
  ): Promise<LedgerResult> {
    const replay = await this.replay_(knex, key, account, type, points)
    if (!replay) {
      throw keyReused(key)
    }
    return replay
  }

  protected async insertEntry_(
    knex: Knex,
    account: AccountRow,
    sharedContext: Context,
    data: EntryContext & {
      type: EntryType
      points: number
      balance_change: number
      pending_change: number
      reversal_of_id?: string | null
    }
  ): Promise<LedgerEntryDTO> {
    const moneyAmount =
      data.money_amount ??
      (data.currency_code
        ? await this.moneyValue_(account, data.points, data.currency_code, sharedContext)
        : null)
    const { rows } = await knex.raw(SQL.insertEntry, [
      newId("lpent"),
      account.id,
      account.program_id,
      data.type,
      data.points,
      data.balance_change,
      data.pending_change,
      moneyAmount,
      moneyAmount === null ? null : JSON.stringify({ value: String(moneyAmount), precision: 20 }),
      data.currency_code?.toLowerCase() ?? null,
      data.actor_type ?? "system",
      data.actor_id ?? null,
      data.reason ?? null,
      data.note ?? null,
      data.reference_type ?? null,
      data.reference_id ?? null,
      data.order_id ?? null,
      data.reversal_of_id ?? null,
      data.idempotency_key,
      data.metadata ? JSON.stringify(data.metadata) : null,
    ])
    return toEntryDTO(rows[0])
  }

  protected async applyToAccount_(
    knex: Knex,
    accountId: string,
    type: EntryType | null,
    change: { balance?: number; pending?: number; held?: number }
  ): Promise<LedgerAccountDTO> {
    const balance = change.balance ?? 0
    const earned = type && LIFETIME_EARNED_TYPES.includes(type) ? balance : 0
    const redeemed = type && LIFETIME_REDEEMED_TYPES.includes(type) ? -balance : 0
    const { rows } = await knex.raw(SQL.updateAccountFigures, [
      balance,
      change.pending ?? 0,
      change.held ?? 0,
      earned,
      redeemed,
      accountId,
    ])
    return toAccountDTO(rows[0])
  }

  protected async moneyValue_(account: AccountRow, points: number, currency: string, sharedContext: Context) {
    const settings = await this.accountSettings_(account, sharedContext)
    const value = settings.redemption_values[currency.toLowerCase()]
    return value === undefined ? null : roundMoney(Math.abs(points) * value)
  }

  protected async settingsFor_(programId: string, sharedContext: Context) {
    return await this.getProgramSettings(programId, sharedContext)
  }

  /** The settings of a locked account's programme, from the lock's own read when it has them. */
  protected async accountSettings_(account: AccountRow, sharedContext: Context) {
    if (account.program_found) {
      return mergeProgramSettings(this.options_.program_defaults, account.program_settings ?? undefined)
    }
    return await this.settingsFor_(account.program_id, sharedContext)
  }

  protected defaultExpiry_(settings: ProgramSettings): Date | null {
    if (settings.expiry.policy === "never") {
      return null
    }
    return new Date(Date.now() + settings.expiry.days * DAY_MS)
  }
}

function stripQualifying({ earned_qualifying_amount: _amount, ...figures }: OrderReversalFigures & { earned_qualifying_amount: number }) {
  return figures
}

/** The code salted with its row id, so equal codes never share a hash. */
function hashOtp(id: string, code: string) {
  return createHash("sha256").update(`${id}:${code}`).digest("hex")
}

/** What a change of the balance by `balance` adds to lifetime_earned and lifetime_redeemed. */
function lifetimeChanges(type: EntryType | null, balance: number) {
  return {
    earned: type && LIFETIME_EARNED_TYPES.includes(type) ? balance : 0,
    redeemed: type && LIFETIME_REDEEMED_TYPES.includes(type) ? -balance : 0,
  }
}

function roundMoney(value: number) {
  return Math.round(value * 1e6) / 1e6
}

function invalid(message: string) {
  return new MedusaError(MedusaError.Types.INVALID_DATA, message)
}

function accountNotFound(accountId: string) {
  return new MedusaError(MedusaError.Types.NOT_FOUND, `Loyalty account ${accountId} was not found`)
}

function notEnoughPoints(available: number, requested: number) {
  return new MedusaError(
    MedusaError.Types.CONFLICT,
    `Not enough points: ${Math.max(available, 0)} available, ${requested} requested`
  )
}

function keyReused(key: string) {
  return new MedusaError(
    MedusaError.Types.CONFLICT,
    `Idempotency key "${key}" was already used for a different change`
  )
}

export default LoyaltyPointsModuleService
