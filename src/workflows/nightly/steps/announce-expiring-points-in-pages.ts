import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"
import { LoyaltyPointsEvents } from "../../../types/module"
import { expiringEventData } from "../../expiry/utils/event-data"

export const announceExpiringPointsInPagesStepId = "loyalty-points-announce-expiring-points-in-pages"

export type AnnounceExpiringPointsInPagesInput = {
  as_of: Date | string
  /** Lots per statement (default: the `nightly.batch_size` option). */
  batch_size?: number
}

/**
 * The nightly reminders, one batch of lots at a time: each batch records its reminders
 * (once per lot and date) in its own transaction and emits their
 * `loyalty_points.expiring` events as soon as it has committed, so the run holds one
 * batch, not the night's hundreds of thousands, and a crash half-way leaves at most
 * the batch between its commit and its emit recorded and unannounced (the window
 * every event emitted after a commit has in Medusa). Nothing to undo: the record is
 * what keeps a second run quiet. Answers how many lots were announced.
 *
 * @example
 * const { reminders } = announceExpiringPointsInPagesStep({ as_of: new Date() })
 */
export const announceExpiringPointsInPagesStep = createStep(
  announceExpiringPointsInPagesStepId,
  async (input: AnnounceExpiringPointsInPagesInput, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const eventBus = container.resolve(Modules.EVENT_BUS)
    const batchSize = input.batch_size ?? loyalty.getOptions().nightly.batch_size
    let reminders = 0
    let afterLotId: string | undefined
    for (;;) {
      const page = await loyalty.remindExpiringPoints({
        as_of: input.as_of,
        batch_size: batchSize,
        max_lots: batchSize,
        after_lot_id: afterLotId,
      })
      const events = expiringEventData(page.reminders)
      if (events.length) {
        await eventBus.emit(events.map((data) => ({ name: LoyaltyPointsEvents.EXPIRING, data })))
      }
      reminders += events.length
      if (!page.next_after_lot_id) {
        return new StepResponse({ reminders })
      }
      afterLotId = page.next_after_lot_id
    }
  }
)
