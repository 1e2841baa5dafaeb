import { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext } from "@medusajs/framework/utils"
import {
  ExpiringLotReminderDTO,
  RemindExpiringPointsInput,
  RemindExpiringPointsResult,
  LoyaltyReconciliationRunDTO,
  ReconcileVariance,
  ReviewTiersInput,
  ReviewTiersResult,
  RunReconciliationInput,
} from "../../../types"
import { reconcileBatch, storeReconciliationRun } from "../ledger/reconciliation-runs"
import { recordReminderBatch, ReminderCursor } from "../ledger/reminders"
import { reviewTierBatch, TierReviewBatch } from "../tier-review"
import { assertDate, assertPositiveInteger, invalid } from "../ledger/rows"
import { LoyaltyPointsLedgerMethods } from "./ledger"

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The third layer of the module's service (see ../service.ts): what the nightly run
 * does besides expiry: reminders of points about to expire, tier reviews and stored
 * reconciliation runs. Each is set-based, in batches, and safe to run twice or
 * alongside another run.
 */
export class LoyaltyPointsNightlyMethods extends LoyaltyPointsLedgerMethods {
  /**
   * Records a reminder for every open lot whose date falls after `as_of` and within the
   * programme's `expiry.reminder_days`, once per lot and date, and answers the lots it
   * recorded now (for `loyalty_points.expiring`). A second or concurrent run answers
   * none of them again; a lot whose date moves is due again for its new date.
   *
   * @example
   * const { reminders } = await loyaltyPointsService.remindExpiringPoints({ as_of: new Date() })
   */
  @InjectManager()
  async remindExpiringPoints(
    input: RemindExpiringPointsInput = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RemindExpiringPointsResult> {
    const asOf = input.as_of === undefined ? new Date() : (assertDate(input.as_of, "as_of") as Date)
    const batchSize = input.batch_size ?? 1000
    assertPositiveInteger(batchSize, "batch_size")
    if (input.max_lots !== undefined) {
      assertPositiveInteger(input.max_lots, "max_lots")
    }
    if (input.after_lot_id !== undefined && typeof input.after_lot_id !== "string") {
      throw invalid("after_lot_id must be a lot id")
    }
    const { reminder_days } = (await this.getProgramSettings(undefined, sharedContext)).expiry
    const reminders: ExpiringLotReminderDTO[] = []
    let cursor: ReminderCursor | null = null
    if (reminder_days > 0) {
      const until = new Date(asOf.getTime() + reminder_days * DAY_MS)
      cursor = { after_id: input.after_lot_id ?? "" }
      let lookedAt = 0
      while (cursor) {
        const batch = await this.recordReminderBatch_(asOf, until, batchSize, cursor, sharedContext)
        reminders.push(...batch.reminders)
        cursor = batch.next
        lookedAt += batchSize
        if (input.max_lots !== undefined && lookedAt >= input.max_lots) {
          break
        }
      }
    }
    return { as_of: asOf.toISOString(), reminder_days, reminders, next_after_lot_id: cursor?.after_id ?? null }
  }

  @InjectTransactionManager()
  protected async recordReminderBatch_(
    asOf: Date,
    until: Date,
    limit: number,
    cursor: ReminderCursor,
    @MedusaContext() sharedContext: Context = {}
  ) {
    return await recordReminderBatch(this.db_(sharedContext), asOf, until, limit, cursor)
  }

  /**
   * Reviews every account that has a tier, in batches (each one transaction with its
   * accounts locked in id order), as of `as_of` (default now): an account whose
   * qualifying figure over its tier's rolling window is below the tier's threshold is
   * marked; once marked for the programme's `tier_retention_days` it moves down to the
   * highest tier it still qualifies for (or none). Clawed-back points leave the
   * qualifying figure. Answers the accounts it moved down (for `loyalty_points.tier_changed`);
   * the same review twice moves nothing the second time.
   *
   * @example
   * const { dropped } = await loyaltyPointsService.reviewTiers({ as_of: new Date() })
   */
  @InjectManager()
  async reviewTiers(input: ReviewTiersInput = {}, @MedusaContext() sharedContext: Context = {}): Promise<ReviewTiersResult> {
    const asOf = input.as_of === undefined ? new Date() : (assertDate(input.as_of, "as_of") as Date)
    const limit = input.batch_size ?? 1000
    assertPositiveInteger(limit, "batch_size")
    const settings = await this.getProgramSettings(undefined, sharedContext)
    const result: ReviewTiersResult = { as_of: asOf.toISOString(), accounts_reviewed: 0, newly_below: 0, recovered: 0, dropped: [] }
    let after = ""
    for (;;) {
      const batch = await this.reviewTierBatch_({ as_of: asOf, after, limit, settings }, sharedContext)
      result.accounts_reviewed += batch.reviewed
      result.newly_below += batch.newly_below
      result.recovered += batch.recovered
      result.dropped.push(...batch.dropped)
      if (batch.reviewed < limit || !batch.last_id) {
        break
      }
      after = batch.last_id
    }
    return result
  }

  @InjectTransactionManager()
  protected async reviewTierBatch_(batch: TierReviewBatch, @MedusaContext() sharedContext: Context = {}) {
    return await reviewTierBatch(this.db_(sharedContext), batch)
  }

  /**
   * Runs the reconcile check over every account, in batches of `batch_size` (default
   * 1,000) in account id order, and stores the run: when it started and finished, the
   * accounts checked, and each variance with its recorded and expected figures (the
   * first 1,000; `variance_count` counts them all). Changes no points.
   *
   * @example
   * const run = await loyaltyPointsService.runReconciliation()
   * if (run.variance_count) { ... }
   */
  @InjectManager()
  async runReconciliation(
    input: RunReconciliationInput = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LoyaltyReconciliationRunDTO> {
    const limit = input.batch_size ?? 1000
    assertPositiveInteger(limit, "batch_size")
    const startedAt = new Date()
    const db = this.db_(sharedContext)
    const variances: ReconcileVariance[] = []
    let accountsChecked = 0
    let after = ""
    for (;;) {
      const batch = await reconcileBatch(db, after, limit)
      if (!batch) {
        break
      }
      accountsChecked += batch.accounts_checked
      variances.push(...batch.variances)
      after = batch.last_id
    }
    return await this.storeReconciliationRun_({ started_at: startedAt, accounts_checked: accountsChecked, variances }, sharedContext)
  }

  @InjectTransactionManager()
  protected async storeReconciliationRun_(
    run: { started_at: Date; accounts_checked: number; variances: ReconcileVariance[] },
    @MedusaContext() sharedContext: Context = {}
  ) {
    return await storeReconciliationRun(this.db_(sharedContext), run)
  }

  /**
   * The stored reconciliation runs, latest first.
   *
   * @example
   * const [runs, count] = await loyaltyPointsService.listReconciliationRuns({ limit: 10, offset: 0 })
   */
  @InjectManager()
  async listReconciliationRuns(
    page: { limit?: number; offset?: number } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<[LoyaltyReconciliationRunDTO[], number]> {
    return await this.listAndCountLoyaltyReconciliationRuns(
      {},
      { take: page.limit ?? 20, skip: page.offset ?? 0, order: { started_at: "DESC", id: "DESC" } },
      sharedContext
    )
  }
}
