import { MathBN, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_POINTS_MODULE, type ExpirePointsResult, type ILoyaltyPointsModuleService } from "../../../types"
import { LoyaltyPointsEvents } from "../../../types/module"
import { roundLedgerMoney } from "../../../utils/money"
import { expiredEventData } from "../../expiry/utils/event-data"

export const expireDuePointsInPagesStepId = "loyalty-points-expire-due-points-in-pages"

export type ExpireDuePointsInPagesInput = {
  as_of: Date | string
  /** Accounts per transaction (default: the `nightly.batch_size` option). */
  batch_size?: number
}

/** What a night's expiry took, in total: an expiry result without its per-account list. */
export type ExpiryTotals = Pick<ExpirePointsResult, "as_of" | "accounts" | "lots" | "points" | "money_amount" | "currency_code">

/**
 * The nightly expiry, one batch of accounts at a time: each batch is expired in its own
 * transaction (the module's set-based expiry) and its `loyalty_points.expired` events
 * are emitted as soon as it has committed, so the run holds one batch, not the night.
 * A yearly `end_of_period` expiry reaches every account on the same night: held to the
 * end of the workflow (as emitEventStep does), 100,000 accounts' events and results
 * took 2 GB. Emitting per committed batch also means a crash half-way loses at most
 * the events of the batch between its commit and its emit (the window every event
 * emitted after a commit has in Medusa), not the night's. Nothing to undo: an expiry
 * is final, and a second or concurrent run finds nothing left to expire.
 *
 * @example
 * const totals = expireDuePointsInPagesStep({ as_of: new Date() })
 */
export const expireDuePointsInPagesStep = createStep(
  expireDuePointsInPagesStepId,
  async (input: ExpireDuePointsInPagesInput, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const eventBus = container.resolve(Modules.EVENT_BUS)
    const batchSize = input.batch_size ?? loyalty.getOptions().nightly.batch_size
    const totals: ExpiryTotals = { as_of: "", accounts: 0, lots: 0, points: 0, money_amount: 0, currency_code: null }
    for (;;) {
      const page = await loyalty.expirePoints({ as_of: input.as_of, batch_size: batchSize, max_accounts: batchSize })
      const events = expiredEventData(page)
      if (events.length) {
        await eventBus.emit(events.map((data) => ({ name: LoyaltyPointsEvents.EXPIRED, data })))
      }
      totals.as_of = page.as_of
      totals.currency_code = page.currency_code
      totals.accounts += page.accounts
      totals.lots += page.lots
      totals.points += page.points
      totals.money_amount = roundLedgerMoney(MathBN.add(totals.money_amount, page.money_amount))
      if (!page.more) {
        return new StepResponse(totals)
      }
    }
  }
)
