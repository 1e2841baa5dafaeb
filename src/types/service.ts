import { AbstractModuleService } from "@medusajs/framework/utils"
import { Context, IModuleService } from "@medusajs/framework/types"
import { ExpiringPointsDTO, MoveLotsExpiryInput, MoveLotsExpiryResult } from "./accounts"
import { ApplyImportInput, ApplyImportResult } from "./imports"
import {
  OrderPointsSummary,
  RaiseTierResult,
  RecordPendingEarningInput,
  RecordPendingEarningResult,
  SettleOrderEarningInput,
  SettleOrderEarningResult,
  TierStatus,
} from "./earning"
import {
  ConvertHoldInput,
  ConvertHoldResult,
  CreditPointsInput,
  DebitPointsInput,
  ExpirePointsInput,
  ExpirePointsResult,
  HoldPointsInput,
  HoldResult,
  LedgerAccountDTO,
  LedgerEntryDTO,
  LedgerHoldDTO,
  LedgerResult,
  PendingPointsInput,
  ReconcileResult,
  ReleaseHoldInput,
  ReversePointsInput,
} from "./ledger"
import {
  BirthdayBonusCandidate,
  ListBirthdayBonusCandidatesInput,
  RecordReferralInput,
  RecordReferralResult,
  SetAccountBirthdayInput,
  SetAccountBirthdayResult,
} from "./bonuses"
import { LoyaltyPointsModelDTOs, LoyaltyProgramSummaryDTO } from "./models"
import { LoyaltyPointsOptions } from "./options"
import { ProgramSettings, ProgramSettingsPatch } from "./program-settings"
import {
  ReviseOrderEarningInput,
  ReviseOrderEarningResult,
  SettleOrderReversalInput,
  SettleOrderReversalResult,
} from "./reversal"
import type { LoyaltyReconciliationRunDTO } from "./models"
import type {
  RemindExpiringPointsInput,
  RemindExpiringPointsResult,
  ReviewTiersInput,
  ReviewTiersResult,
  RunReconciliationInput,
} from "./nightly"
import { LoyaltyEarningRuleDTO, LoyaltyTierDTO } from "./tiers-and-rules"
import { ReservedVoucher, ReserveVoucherInput } from "./vouchers"

export type UpdateProgramSettingsResult = {
  /** The effective settings after the update. */
  settings: ProgramSettings
  /** What was stored before (`null`: options only), for a compensation to put back. */
  previous: ProgramSettingsPatch | null
}

/** A cart's `redeem` entry that now carries the order id; `points` is positive. */
export type CartRedemptionAttachment = { entry_id: string; account_id: string; points: number }

export type IssueRedemptionOtpInput = { account_id: string; cart_id: string; points: number }

/** The code itself is answered once, for the notification; only its hash is kept. */
export type IssuedRedemptionOtp = { id: string; code: string; expires_at: Date }

export type VerifyRedemptionOtpInput = IssueRedemptionOtpInput & { code: string }

/** Why a code was refused, as a message for the shopper; `ok` when it was right. */
export type RedemptionOtpCheck = { ok: boolean; message: string | null }

/** The generated methods (of `MedusaService`) that code outside the module uses. */
type GeneratedMethods = Pick<
  AbstractModuleService<LoyaltyPointsModelDTOs>,
  | "listLoyaltyAccounts"
  | "updateLoyaltyAccounts"
  | "listLoyaltyEntries"
  | "listLoyaltyLots"
  | "updateLoyaltyLots"
  | "listLoyaltyHolds"
  | "listLoyaltyTiers"
  | "retrieveLoyaltyTier"
  | "createLoyaltyTiers"
  | "updateLoyaltyTiers"
  | "deleteLoyaltyTiers"
  | "softDeleteLoyaltyTiers"
  | "restoreLoyaltyTiers"
  | "listLoyaltyEarningRules"
  | "retrieveLoyaltyEarningRule"
  | "createLoyaltyEarningRules"
  | "updateLoyaltyEarningRules"
  | "deleteLoyaltyEarningRules"
  | "softDeleteLoyaltyEarningRules"
  | "restoreLoyaltyEarningRules"
  | "listLoyaltyImports"
  | "listAndCountLoyaltyImports"
  | "retrieveLoyaltyImport"
  | "createLoyaltyImports"
  | "updateLoyaltyImports"
  | "deleteLoyaltyImports"
  | "listLoyaltyCampaigns"
  | "retrieveLoyaltyCampaign"
  | "createLoyaltyCampaigns"
  | "updateLoyaltyCampaigns"
  | "softDeleteLoyaltyCampaigns"
  | "restoreLoyaltyCampaigns"
>

/**
 * The loyalty points module, as everything outside it sees it:
 * `container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)`. Every method
 * that changes points runs in one transaction with the account row locked, writes one
 * ledger entry (or hold) under its idempotency key, and answers the first result when
 * that key is used again. The service documents each method's rules in full.
 */
export interface ILoyaltyPointsModuleService extends IModuleService, GeneratedMethods {
  /**
   * The validated plugin options, defaults filled in.
   *
   * @example
   * const { holds } = loyaltyPointsService.getOptions()
   */
  getOptions(): LoyaltyPointsOptions

  /**
   * Applies a stored import in one transaction: one `import` entry per row (key
   * `import:<id>:<row>`, the requesting admin as actor), or none when any row fails. A
   * `pending_approval` import needs `approval` by an admin other than its creator.
   *
   * @example
   * await loyaltyPointsService.applyImport({ import_id: "lpimp_1", actor_id: "user_2", approval: true })
   */
  applyImport(input: ApplyImportInput, sharedContext?: Context): Promise<ApplyImportResult>

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

  /* ------------------------------------------------------------------ accounts and points */

  /**
   * The customer's account in the default programme, created (all zeros) when missing.
   *
   * @example
   * const account = await loyaltyPointsService.retrieveOrCreateAccount("cus_123")
   */
  retrieveOrCreateAccount(customerId: string, sharedContext?: Context): Promise<LedgerAccountDTO>

  /**
   * The customer's account as stored or, when there is none yet, the account of zeros it
   * will be (same id). A read: creates nothing.
   *
   * @example
   * const account = await loyaltyPointsService.retrieveCustomerAccount("cus_123")
   */
  retrieveCustomerAccount(customerId: string, sharedContext?: Context): Promise<LedgerAccountDTO>

  /**
   * A page of the account's history, newest first, with the count kept on the account.
   *
   * @example
   * const { entries, count } = await loyaltyPointsService.listAccountEntries("lpacc_123", { limit: 20, offset: 0 })
   */
  listAccountEntries(
    accountId: string,
    page: { limit: number; offset: number },
    sharedContext?: Context
  ): Promise<{ entries: LedgerEntryDTO[]; count: number }>

  /**
   * One account's figures, from its row.
   *
   * @example
   * const { balance, available } = await loyaltyPointsService.retrieveAccountBalance("lpacc_123")
   */
  retrieveAccountBalance(accountId: string, sharedContext?: Context): Promise<LedgerAccountDTO>

  /**
   * Adds spendable points in a lot with its expiry; a negative balance is paid first.
   *
   * @example
   * await loyaltyPointsService.creditPoints({ account_id: "lpacc_123", points: 100, type: "earn", idempotency_key: "earn:order_1:pay_1" })
   */
  creditPoints(input: CreditPointsInput, sharedContext?: Context): Promise<LedgerResult>

  /**
   * Takes spendable points, first-expiring lots first; 409 below `available` unless `allow_debt`.
   *
   * @example
   * await loyaltyPointsService.debitPoints({ account_id: "lpacc_123", points: 40, type: "adjust", idempotency_key: "adj_1" })
   */
  debitPoints(input: DebitPointsInput, sharedContext?: Context): Promise<LedgerResult>

  /**
   * Records points earned but not yet spendable (`earn_pending`).
   *
   * @example
   * await loyaltyPointsService.addPendingPoints({ account_id: "lpacc_123", points: 25, idempotency_key: "pending:order_1" })
   */
  addPendingPoints(input: PendingPointsInput, sharedContext?: Context): Promise<LedgerResult>

  /**
   * Cancels pending points that will never become spendable (`earn_void`).
   *
   * @example
   * await loyaltyPointsService.voidPendingPoints({ account_id: "lpacc_123", points: 25, idempotency_key: "void:order_1" })
   */
  voidPendingPoints(input: PendingPointsInput, sharedContext?: Context): Promise<LedgerResult>

  /**
   * Gives back (part of) a debit into the lots it took from, or grace lots where their date passed.
   *
   * @example
   * await loyaltyPointsService.reversePoints({ entry_id: "lpent_redeem", points: 200, idempotency_key: "refund:ref_1:redeem" })
   */
  reversePoints(input: ReversePointsInput, sharedContext?: Context): Promise<LedgerResult>

  /**
   * Insert-or-get of a voucher's debit under the account lock: a used key answers the
   * first debit (`replayed`, `given_back` when that request failed and its points came
   * back); otherwise checks the programme's daily voucher cap and spends the points.
   *
   * @example
   * const { entry, replayed } = await loyaltyPointsService.reserveVoucher({ account_id, customer_id, points: 500, code, amount: 5, currency_code: "usd", expires_at, idempotency_key, actor_type: "customer", actor_id })
   */
  reserveVoucher(input: ReserveVoucherInput, sharedContext?: Context): Promise<ReservedVoucher>

  /**
   * Voucher debits older than `minutes` (younger than 30 days) that nothing gave back,
   * oldest first: the recovery job checks that each has its voucher.
   *
   * @example
   * const debits = await loyaltyPointsService.unsettledVoucherDebits({ minutes: 15, limit: 100 })
   */
  unsettledVoucherDebits(
    input: { minutes: number; limit: number },
    sharedContext?: Context
  ): Promise<{ id: string; code: string; idempotency_key: string; points: number }[]>

  /**
   * Moves the expiry of the account's open lots (or of given lots), recorded as an `adjust` of 0.
   *
   * @example
   * await loyaltyPointsService.moveLotsExpiry({ account_id: "lpacc_123", expires_at: null, idempotency_key: "adjust:cus_1:abc" })
   */
  moveLotsExpiry(input: MoveLotsExpiryInput, sharedContext?: Context): Promise<MoveLotsExpiryResult>

  /**
   * Expires every lot due at `as_of`, in batches of accounts; `dry_run` only counts.
   *
   * @example
   * const { points } = await loyaltyPointsService.expirePoints({ as_of: new Date() })
   */
  expirePoints(input?: ExpirePointsInput, sharedContext?: Context): Promise<ExpirePointsResult>

  /**
   * The next days on which the accounts' points expire, at most `per_account` days each.
   *
   * @example
   * const expiring = await loyaltyPointsService.listExpiringPoints(["lpacc_123"])
   */
  listExpiringPoints(
    accountIds: string[],
    options?: { per_account?: number },
    sharedContext?: Context
  ): Promise<Record<string, ExpiringPointsDTO[]>>

  /**
   * Compares every account's kept figures with its ledger and reports each variance.
   *
   * @example
   * const { variances } = await loyaltyPointsService.reconcile()
   */
  reconcile(filters?: { account_ids?: string[] }, sharedContext?: Context): Promise<ReconcileResult>

  /* ------------------------------------------------------------------ the nightly run */

  /**
   * Records and answers the lots expiring within the programme's reminder window, once per lot and date.
   *
   * @example
   * const { reminders } = await loyaltyPointsService.remindExpiringPoints({ as_of: new Date() })
   */
  remindExpiringPoints(input?: RemindExpiringPointsInput, sharedContext?: Context): Promise<RemindExpiringPointsResult>

  /**
   * Moves down the accounts that stayed below their tier's threshold for the programme's `tier_retention_days`.
   *
   * @example
   * const { dropped } = await loyaltyPointsService.reviewTiers({ as_of: new Date() })
   */
  reviewTiers(input?: ReviewTiersInput, sharedContext?: Context): Promise<ReviewTiersResult>

  /**
   * Runs the reconcile check over every account in batches and stores the run with its variances.
   *
   * @example
   * const { variance_count } = await loyaltyPointsService.runReconciliation()
   */
  runReconciliation(input?: RunReconciliationInput, sharedContext?: Context): Promise<LoyaltyReconciliationRunDTO>

  /**
   * The stored reconciliation runs, latest first, and their count.
   *
   * @example
   * const [runs, count] = await loyaltyPointsService.listReconciliationRuns({ limit: 10 })
   */
  listReconciliationRuns(
    page?: { limit?: number; offset?: number },
    sharedContext?: Context
  ): Promise<[LoyaltyReconciliationRunDTO[], number]>

  /* ------------------------------------------------------------------ holds */

  /**
   * Reserves points for a cart (one active hold per cart); 409 above `available`.
   *
   * @example
   * await loyaltyPointsService.holdPoints({ account_id: "lpacc_123", cart_id: "cart_1", points: 500, idempotency_key: "hold:cart_1:1" })
   */
  holdPoints(input: HoldPointsInput, sharedContext?: Context): Promise<HoldResult>

  /**
   * Ends an active hold without spending it.
   *
   * @example
   * await loyaltyPointsService.releaseHold({ hold_id: "lphold_123" })
   */
  releaseHold(input: ReleaseHoldInput, sharedContext?: Context): Promise<HoldResult>

  /**
   * Turns an active hold into a `redeem` entry of the points actually discounted.
   *
   * @example
   * await loyaltyPointsService.convertHold({ hold_id: "lphold_123", points: 450, order_id: "order_1" })
   */
  convertHold(input: ConvertHoldInput, sharedContext?: Context): Promise<ConvertHoldResult>

  /**
   * Undoes a hold's conversion: the points go back and the hold is active again.
   *
   * @example
   * await loyaltyPointsService.undoHoldConversion("lphold_123")
   */
  undoHoldConversion(holdId: string, sharedContext?: Context): Promise<HoldResult>

  /**
   * The cart's active hold, or null.
   *
   * @example
   * const hold = await loyaltyPointsService.retrieveActiveHoldForCart("cart_123")
   */
  retrieveActiveHoldForCart(cartId: string, sharedContext?: Context): Promise<LedgerHoldDTO | null>

  /**
   * Active holds whose time ran out before `now`, oldest first.
   *
   * @example
   * const stale = await loyaltyPointsService.listStaleHolds(new Date(), 100)
   */
  listStaleHolds(now?: Date, limit?: number, sharedContext?: Context): Promise<LedgerHoldDTO[]>

  /* ------------------------------------------------------------------ orders */

  /**
   * Records an order's earnable points as pending, after the daily cap, once per key.
   *
   * @example
   * await loyaltyPointsService.recordPendingEarning({ account_id: "lpacc_123", order_id: "order_1", points: 42, idempotency_key: "earn_pending:order_1" })
   */
  recordPendingEarning(input: RecordPendingEarningInput, sharedContext?: Context): Promise<RecordPendingEarningResult>

  /**
   * Makes the captured share of an order's pending points spendable.
   *
   * @example
   * await loyaltyPointsService.settleOrderEarning({ account_id: "lpacc_123", order_id: "order_1", captured_amount: 50, payable_amount: 100 })
   */
  settleOrderEarning(input: SettleOrderEarningInput, sharedContext?: Context): Promise<SettleOrderEarningResult>

  /**
   * Takes back what an order's refunds or cancellation take away: void, give back, claw back.
   *
   * @example
   * await loyaltyPointsService.settleOrderReversal({ account_id, order_id, captured_amount: 121, refunded_amount: 60.5, payable_amount: 121, canceled: false, cause })
   */
  settleOrderReversal(input: SettleOrderReversalInput, sharedContext?: Context): Promise<SettleOrderReversalResult>

  /**
   * Moves an order's earnable points to the figure recomputed after an order edit.
   *
   * @example
   * await loyaltyPointsService.reviseOrderEarning({ account_id: "lpacc_123", order_id: "order_1", points: 75, revision: "2" })
   */
  reviseOrderEarning(input: ReviseOrderEarningInput, sharedContext?: Context): Promise<ReviseOrderEarningResult>

  /**
   * An order's points as the ledger records them.
   *
   * @example
   * const { earned, pending } = await loyaltyPointsService.summarizeOrderPoints("order_1")
   */
  summarizeOrderPoints(orderId: string, sharedContext?: Context): Promise<OrderPointsSummary>

  /**
   * Records on a cart's `redeem` entry the order the cart became.
   *
   * @example
   * await loyaltyPointsService.attachOrderToCartRedemption("cart_123", "order_123")
   */
  attachOrderToCartRedemption(cartId: string, orderId: string, sharedContext?: Context): Promise<CartRedemptionAttachment[]>

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

  /* ------------------------------------------------------------------ one-time codes */

  /**
   * Issues a 6-digit code for spending `points` on a cart, replacing the cart's earlier one.
   *
   * @example
   * const { code } = await loyaltyPointsService.issueRedemptionOtp({ account_id, cart_id, points: 5000 })
   */
  issueRedemptionOtp(input: IssueRedemptionOtpInput, sharedContext?: Context): Promise<IssuedRedemptionOtp>

  /**
   * Points redeemed in the last 24 hours (carts and vouchers) plus points held on the
   * account's other carts: what counts toward the one-time-code threshold.
   *
   * @example
   * const recent = await loyaltyPointsService.recentRedemptionPoints({ account_id, cart_id })
   */
  recentRedemptionPoints(input: { account_id: string; cart_id?: string | null }, sharedContext?: Context): Promise<number>

  /**
   * Of the given one-time codes, those nobody can use any more.
   *
   * @example
   * const dead = await loyaltyPointsService.deadRedemptionOtps(["lpotp_1"])
   */
  deadRedemptionOtps(ids: string[], sharedContext?: Context): Promise<string[]>

  /**
   * Since when the account's phone has been `phone` (now when new or changed).
   *
   * @example
   * const since = await loyaltyPointsService.phoneSeenSince({ account_id, phone: "+15550100" })
   */
  phoneSeenSince(input: { account_id: string; phone: string }, sharedContext?: Context): Promise<Date>

  /**
   * Checks a code; a wrong one counts an attempt, a right one is used up.
   *
   * @example
   * const { ok, message } = await loyaltyPointsService.verifyRedemptionOtp({ account_id, cart_id, points: 5000, code: "123456" })
   */
  verifyRedemptionOtp(input: VerifyRedemptionOtpInput, sharedContext?: Context): Promise<RedemptionOtpCheck>

  /* ------------------------------------------------------------------ bonuses */

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
