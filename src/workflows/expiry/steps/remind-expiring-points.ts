import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  LOYALTY_POINTS_MODULE,
  type ILoyaltyPointsModuleService,
  type RemindExpiringPointsInput,
} from "../../../types"

export const remindExpiringPointsStepId = "loyalty-points-remind-expiring-points"

/**
 * Records a reminder for each lot expiring within the programme's reminder window
 * that was not yet announced for its date, and answers those lots. Nothing to undo:
 * the record is what keeps a second run quiet.
 *
 * @example
 * const { reminders } = remindExpiringPointsStep({ as_of: new Date() })
 */
export const remindExpiringPointsStep = createStep(
  remindExpiringPointsStepId,
  async (input: RemindExpiringPointsInput, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const result = await loyalty.remindExpiringPoints({
      as_of: input.as_of,
      batch_size: input.batch_size ?? loyalty.getOptions().nightly.batch_size,
    })
    return new StepResponse(result)
  }
)
