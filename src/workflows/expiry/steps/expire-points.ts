import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_POINTS_MODULE, type ExpirePointsResult, type ILoyaltyPointsModuleService } from "../../../types"

export const expirePointsStepId = "loyalty-points-expire-points"

export type ExpirePointsStepInput = {
  /** Expire lots whose date is at or before this (default: now). */
  as_of?: Date | string
  /** Only count: answer what would expire and change nothing. */
  dry_run?: boolean
  /** Accounts per transaction (default 1,000). */
  batch_size?: number
}

/**
 * Expires every lot whose date has passed through the module's set-based expiry, in
 * batches of accounts (each batch one transaction: lots emptied, one `expire` entry
 * per account with the money written off, balances lowered). Nothing to undo: an
 * expiry is final, and a second run finds nothing left to expire.
 *
 * @example
 * const result = expirePointsStep({ as_of: new Date(), dry_run: false })
 */
export const expirePointsStep = createStep(
  expirePointsStepId,
  async (input: ExpirePointsStepInput, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const result: ExpirePointsResult = await loyalty.expirePoints({
      as_of: input.as_of,
      dry_run: input.dry_run,
      batch_size: input.batch_size ?? loyalty.getOptions().nightly.batch_size,
    })
    return new StepResponse(result)
  }
)
