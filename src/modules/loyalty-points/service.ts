import { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext } from "@medusajs/framework/utils"
import {
  ApplyImportInput,
  ApplyImportResult,
  CartRedemptionAttachment,
  ILoyaltyPointsModuleService,
  IssuedRedemptionOtp,
  IssueRedemptionOtpInput,
  LedgerAccountDTO,
  OrderPointsSummary,
  RaiseTierResult,
  RecordPendingEarningInput,
  RecordPendingEarningResult,
  RedemptionOtpCheck,
  ReviseOrderEarningInput,
  ReviseOrderEarningResult,
  SettleOrderEarningInput,
  SettleOrderEarningResult,
  SettleOrderReversalInput,
  SettleOrderReversalResult,
  TierStatus,
  VerifyRedemptionOtpInput,
} from "../../types"
import { LoyaltyPointsBonusMethods } from "./facade/bonuses"
import { applyImport } from "./ledger/imports"
import { settleOrderReversal } from "./ledger/order-reversal"
import {
  attachOrderToCartRedemption,
  recordPendingEarning,
  reviseOrderEarning,
  settleOrderEarning,
  summarizeOrderPoints,
} from "./ledger/order-settlement"
import { accountNotFound } from "./ledger/rows"
import { unsettledVoucherDebits, VoucherDebitToCheck } from "./ledger/vouchers"
import { deadRedemptionOtps, issueRedemptionOtp, phoneSeenSince, recentRedemptionPoints, verifyRedemptionOtp } from "./otp"
import { raiseTierIfQualified, setAccountTier, tierStatuses } from "./tiers"

/**
 * The points ledger, a facade over parts that each own one concern and keep their SQL
 * beside them:
 *
 * - `programs.ts`: the default programme, its settings, the active earning rules;
 * - `ledger/`: `db` (transaction handle, row locks), `rows` (the one account and entry
 *   mappers, input checks), `entries` (the one way an entry is written, idempotency),
 *   `figures` (the one definition of each derived figure), `points` (credits, debits,
 *   pending), `lots` (the first-expiring-first take), `holds`, `reversal`, `expiry`,
 *   `expiry-moves`, `order-settlement` (earning), `order-reversal` (refunds and
 *   cancellations: void, give back, claw back), `reconcile`;
 * - `tiers.ts`, `otp.ts`.
 *
 * The methods come in layers: `facade/base.ts` (models, options, programme, accounts),
 * `facade/ledger.ts` (points, holds, reversal, expiry, reconcile), `facade/nightly.ts`
 * (reminders, tier reviews, reconciliation runs), `facade/bonuses.ts` (birthdays,
 * referrals) and this class (orders,
 * tiers, one-time codes). Every method that changes points runs in one database
 * transaction with the account row locked (`SELECT ... FOR UPDATE`), writes exactly
 * one ledger entry (or hold) with its idempotency key, and changes the figures kept on
 * the account in the same transaction. A repeated idempotency key returns the first
 * result and changes nothing.
 */
class LoyaltyPointsModuleService extends LoyaltyPointsBonusMethods implements ILoyaltyPointsModuleService {
  /* ------------------------------------------------------------------ imports */

  /**
   * Applies a stored import in one transaction: one `import` entry per row, or none
   * when any row fails. See `ledger/imports.ts` for the rules (approval, replay).
   *
   * @example
   * await loyaltyPointsService.applyImport({ import_id: "lpimp_1", actor_id: "user_1" })
   */
  @InjectManager()
  async applyImport(input: ApplyImportInput, @MedusaContext() sharedContext: Context = {}): Promise<ApplyImportResult> {
    return await this.applyImport_(input, sharedContext)
  }

  @InjectTransactionManager()
  protected async applyImport_(
    input: ApplyImportInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ApplyImportResult> {
    return await applyImport(this.db_(sharedContext), input)
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
    return await recordPendingEarning(this.db_(sharedContext), input)
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
    return await settleOrderEarning(this.db_(sharedContext), input)
  }

  /**
   * An order's points as the ledger records them: earnable (recorded pending), still
   * pending, earned, voided, redeemed, given back and clawed back.
   *
   * @example
   * const { earned, pending } = await loyaltyPointsService.summarizeOrderPoints("order_1")
   */
  @InjectManager()
  async summarizeOrderPoints(orderId: string, @MedusaContext() sharedContext: Context = {}): Promise<OrderPointsSummary> {
    return await summarizeOrderPoints(this.db_(sharedContext), orderId)
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
  ): Promise<CartRedemptionAttachment[]> {
    return await attachOrderToCartRedemption(this.db_(sharedContext), cartId, orderId)
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
    return await settleOrderReversal(this.db_(sharedContext), input)
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
    return await reviseOrderEarning(this.db_(sharedContext), input)
  }

  /* ------------------------------------------------------------------ tiers */

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
    const settings = () => this.getProgramSettings(undefined, sharedContext)
    return await tierStatuses(this.db_(sharedContext), accountIds, settings)
  }

  /**
   * The account's tier and the next one, as `retrieveTierStatuses` for one account.
   *
   * @example
   * const { tier, next_tier } = await loyaltyPointsService.retrieveTierStatus("lpacc_123")
   */
  @InjectManager()
  async retrieveTierStatus(accountId: string, @MedusaContext() sharedContext: Context = {}): Promise<TierStatus> {
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
  async raiseTierIfQualified(accountId: string, @MedusaContext() sharedContext: Context = {}): Promise<RaiseTierResult> {
    const settings = () => this.getProgramSettings(undefined, sharedContext)
    return await raiseTierIfQualified(this.db_(sharedContext), accountId, settings)
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
    return await setAccountTier(this.db_(sharedContext), accountId, tierId)
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
    input: IssueRedemptionOtpInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<IssuedRedemptionOtp> {
    return await issueRedemptionOtp(this.db_(sharedContext), input)
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
    input: VerifyRedemptionOtpInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RedemptionOtpCheck> {
    return await verifyRedemptionOtp(this.db_(sharedContext), input)
  }

  /**
   * Voucher debits older than `minutes` (younger than 30 days) that nothing gave back:
   * the recovery job checks each has its voucher.
   *
   * @example
   * const debits = await loyaltyPointsService.unsettledVoucherDebits({ minutes: 15, limit: 100 })
   */
  @InjectManager()
  async unsettledVoucherDebits(
    input: { minutes: number; limit: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<VoucherDebitToCheck[]> {
    return await unsettledVoucherDebits(this.db_(sharedContext), input)
  }

  /**
   * Points redeemed in the last 24 hours (carts and vouchers, net of what came back)
   * plus points held on the account's other carts.
   *
   * @example
   * const recent = await loyaltyPointsService.recentRedemptionPoints({ account_id, cart_id })
   */
  @InjectManager()
  async recentRedemptionPoints(
    input: { account_id: string; cart_id?: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    return await recentRedemptionPoints(this.db_(sharedContext), input)
  }

  /**
   * Of the given one-time codes, those nobody can use any more (used, replaced,
   * expired, locked out): their notifications must not keep them.
   *
   * @example
   * const dead = await loyaltyPointsService.deadRedemptionOtps(["lpotp_1"])
   */
  @InjectManager()
  async deadRedemptionOtps(ids: string[], @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    return await deadRedemptionOtps(this.db_(sharedContext), ids)
  }

  /**
   * Since when the account's phone has been `phone` as the plugin saw it (now, when it
   * is new or changed): codes go by SMS only to a number unchanged for 24 hours.
   *
   * @example
   * const since = await loyaltyPointsService.phoneSeenSince({ account_id, phone: "+15550100" })
   */
  @InjectTransactionManager()
  async phoneSeenSince(
    input: { account_id: string; phone: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Date> {
    return await phoneSeenSince(this.db_(sharedContext), input)
  }
}

export default LoyaltyPointsModuleService
