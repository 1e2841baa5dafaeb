import { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext } from "@medusajs/framework/utils"
import {
  ConvertHoldInput,
  ConvertHoldResult,
  CreditPointsInput,
  DebitPointsInput,
  ExpirePointsInput,
  ExpirePointsResult,
  ExpiringPointsDTO,
  HoldPointsInput,
  HoldResult,
  LedgerHoldDTO,
  LedgerResult,
  MoveLotsExpiryInput,
  MoveLotsExpiryResult,
  PendingPointsInput,
  ReconcileResult,
  ReleaseHoldInput,
  ReservedVoucher,
  ReserveVoucherInput,
  ReversePointsInput,
} from "../../../types"
import { expireBatch, ExpiryBatch, expiryRun, expirePoints, expiringPoints } from "../ledger/expiry"
import { moveLotsExpiry } from "../ledger/expiry-moves"
import { activeHoldForCart, convertHold, holdPoints, releaseHold, staleHolds, undoHoldConversion } from "../ledger/holds"
import { changePending, creditPoints, debitPoints } from "../ledger/points"
import { reconcile } from "../ledger/reconcile"
import { reversePoints } from "../ledger/reversal"
import { reserveVoucher } from "../ledger/vouchers"
import { assertDate } from "../ledger/rows"
import { LoyaltyPointsServiceBase } from "./base"

/**
 * The second layer of the module's service (see ../service.ts): the ledger's own
 * methods. Every method that changes points runs in one transaction with the account
 * row locked, writes one entry (or hold) under its idempotency key and changes the
 * account's figures in the same transaction; a repeated key returns the first result.
 */
export class LoyaltyPointsLedgerMethods extends LoyaltyPointsServiceBase {
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
  // The hot write: its own transaction on one pg connection unless the caller passes one (base.write_).
  async creditPoints(input: CreditPointsInput, @MedusaContext() sharedContext: Context = {}): Promise<LedgerResult> {
    return await this.write_(
      sharedContext,
      (db) => creditPoints(db, input),
      () => this.creditPoints_(input, sharedContext)
    )
  }

  @InjectTransactionManager()
  protected async creditPoints_(input: CreditPointsInput, @MedusaContext() sharedContext: Context = {}): Promise<LedgerResult> {
    return await creditPoints(this.db_(sharedContext), input)
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
  async debitPoints(input: DebitPointsInput, @MedusaContext() sharedContext: Context = {}): Promise<LedgerResult> {
    return await this.write_(
      sharedContext,
      (db) => debitPoints(db, input),
      () => this.debitPoints_(input, sharedContext)
    )
  }

  @InjectTransactionManager()
  protected async debitPoints_(input: DebitPointsInput, @MedusaContext() sharedContext: Context = {}): Promise<LedgerResult> {
    return await debitPoints(this.db_(sharedContext), input)
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
  async addPendingPoints(input: PendingPointsInput, @MedusaContext() sharedContext: Context = {}): Promise<LedgerResult> {
    return await changePending(this.db_(sharedContext), input, "earn_pending")
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
  async voidPendingPoints(input: PendingPointsInput, @MedusaContext() sharedContext: Context = {}): Promise<LedgerResult> {
    return await changePending(this.db_(sharedContext), input, "earn_void")
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
  async holdPoints(input: HoldPointsInput, @MedusaContext() sharedContext: Context = {}): Promise<HoldResult> {
    return await holdPoints(this.db_(sharedContext), input)
  }

  /**
   * Ends an active hold without spending it (`released`, or `expired` when stale).
   * Releasing a hold that is no longer active changes nothing.
   *
   * @example
   * await loyaltyPointsService.releaseHold({ hold_id: "lphold_123" })
   */
  @InjectTransactionManager()
  async releaseHold(input: ReleaseHoldInput, @MedusaContext() sharedContext: Context = {}): Promise<HoldResult> {
    return await releaseHold(this.db_(sharedContext), input)
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
  async convertHold(input: ConvertHoldInput, @MedusaContext() sharedContext: Context = {}): Promise<ConvertHoldResult> {
    return await convertHold(this.db_(sharedContext), input)
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
  async undoHoldConversion(holdId: string, @MedusaContext() sharedContext: Context = {}): Promise<HoldResult> {
    return await undoHoldConversion(this.db_(sharedContext), holdId)
  }

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
    return await activeHoldForCart(this.db_(sharedContext), cartId)
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
    return await staleHolds(this.db_(sharedContext), now, limit)
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
  async reversePoints(input: ReversePointsInput, @MedusaContext() sharedContext: Context = {}): Promise<LedgerResult> {
    return await reversePoints(this.db_(sharedContext), input)
  }

  /**
   * Insert-or-get of a voucher's debit under the account lock, within the daily cap.
   *
   * @example
   * const { entry, replayed, given_back } = await loyaltyPointsService.reserveVoucher({ account_id, customer_id, points: 500, code, amount: 5, currency_code: "usd", expires_at, idempotency_key, actor_type: "customer", actor_id })
   */
  @InjectTransactionManager()
  async reserveVoucher(input: ReserveVoucherInput, @MedusaContext() sharedContext: Context = {}): Promise<ReservedVoucher> {
    return await reserveVoucher(this.db_(sharedContext), input)
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
    const run = expiryRun(input)
    const settings = await this.getProgramSettings(undefined, sharedContext)
    return await expirePoints(this.db_(sharedContext), run, settings, (batch) => this.expireBatch_(batch, sharedContext))
  }

  @InjectTransactionManager()
  protected async expireBatch_(batch: ExpiryBatch, @MedusaContext() sharedContext: Context = {}) {
    return await expireBatch(this.db_(sharedContext), batch)
  }

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
    options: { per_account?: number; from?: Date | string } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Record<string, ExpiringPointsDTO[]>> {
    const from = options.from === undefined ? null : (assertDate(options.from, "from") as Date)
    return await expiringPoints(this.db_(sharedContext), accountIds, options.per_account ?? 10, from)
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
    return await moveLotsExpiry(this.db_(sharedContext), input)
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
    return await reconcile(this.db_(sharedContext), filters.account_ids?.length ? filters.account_ids : null)
  }
}
