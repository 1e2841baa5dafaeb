import { Context } from "@medusajs/framework/types"
import { ExpiringPointsDTO, MoveLotsExpiryInput, MoveLotsExpiryResult } from "../accounts"
import { ExpirePointsInput, ExpirePointsResult, ReconcileResult } from "../ledger"
import type { LoyaltyReconciliationRunDTO } from "../models"
import type {
  RemindExpiringPointsInput,
  RemindExpiringPointsResult,
  ReviewTiersInput,
  ReviewTiersResult,
  RunReconciliationInput,
} from "../nightly"

/** Expiry, the reconcile check and the nightly run, of `ILoyaltyPointsModuleService`. */
export interface LoyaltyExpiryAndReconciliationMethods {
  /* ------------------------------------------------------------------ expiry and reconcile */

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
   * The next days on which the accounts' points expire, at most `per_account` days each
   * (default 10), each day's open points summed whole. With `from`, the first day is the
   * one of the first open lot at or after `from` (default: every open lot, past dates too).
   *
   * @example
   * const expiring = await loyaltyPointsService.listExpiringPoints(["lpacc_123"])
   */
  listExpiringPoints(
    accountIds: string[],
    options?: { per_account?: number; from?: Date | string },
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
}
