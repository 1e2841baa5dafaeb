import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AdjustLoyaltyPointsWorkflowInput } from "../../../types"
import { assertValidAdjustment } from "../utils/validate-adjustment"

export const validateAdjustmentStepId = "loyalty-points-validate-adjustment"

/**
 * Refuses (400, naming the field) an adjustment that breaks the contract, before
 * anything is read or written.
 *
 * @example
 * validateAdjustmentStep(input)
 */
export const validateAdjustmentStep = createStep(
  validateAdjustmentStepId,
  async (input: AdjustLoyaltyPointsWorkflowInput) => {
    assertValidAdjustment(input)
    return new StepResponse(void 0)
  }
)
