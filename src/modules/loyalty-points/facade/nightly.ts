import { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext } from "@medusajs/framework/utils"
import { ExpiringLotReminderDTO, RemindExpiringPointsInput, RemindExpiringPointsResult } from "../../../types"
import { recordReminderBatch } from "../ledger/reminders"
import { assertDate, assertPositiveInteger } from "../ledger/rows"
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
    const { reminder_days } = (await this.getProgramSettings(undefined, sharedContext)).expiry
    const reminders: ExpiringLotReminderDTO[] = []
    if (reminder_days > 0) {
      const until = new Date(asOf.getTime() + reminder_days * DAY_MS)
      for (;;) {
        const batch = await this.recordReminderBatch_(asOf, until, batchSize, sharedContext)
        reminders.push(...batch.reminders)
        if (!batch.more) {
          break
        }
      }
    }
    return { as_of: asOf.toISOString(), reminder_days, reminders }
  }

  @InjectTransactionManager()
  protected async recordReminderBatch_(
    asOf: Date,
    until: Date,
    limit: number,
    @MedusaContext() sharedContext: Context = {}
  ) {
    return await recordReminderBatch(this.db_(sharedContext), asOf, until, limit)
  }
}
