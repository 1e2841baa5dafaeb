import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { EarningRuleAction } from "../../../types/tiers-and-rules"

export type ValidateEarningRuleStepInput = {
  action: EarningRuleAction
  multiplier?: number | null
  starts_at?: Date | string | null
  ends_at?: Date | string | null
}

export const validateEarningRuleStepId = "loyalty-points-validate-earning-rule"

/**
 * Checks a rule as it will be stored (for an update: the stored rule with the changes
 * applied), where one field constrains another: a multiplier rule needs a multiplier
 * above zero, an exclusion has none, and the rule must end after it starts. Throws a
 * 400 naming the field.
 *
 * @example
 * validateEarningRuleStep({ action: "multiplier", multiplier: 2, starts_at: null, ends_at: null })
 */
export const validateEarningRuleStep = createStep(
  validateEarningRuleStepId,
  async (rule: ValidateEarningRuleStepInput) => {
    if (rule.action === "multiplier") {
      const multiplier = rule.multiplier
      if (typeof multiplier !== "number" || !Number.isFinite(multiplier) || multiplier <= 0 || multiplier > 100) {
        throw invalid("Field 'multiplier' is required when action is 'multiplier': a number above 0 and at most 100")
      }
    } else if (rule.multiplier !== null && rule.multiplier !== undefined) {
      throw invalid("Field 'multiplier' must be null when action is 'exclude'")
    }
    if (rule.starts_at && rule.ends_at && new Date(rule.ends_at).getTime() <= new Date(rule.starts_at).getTime()) {
      throw invalid("Field 'ends_at' must be after 'starts_at'")
    }
    return new StepResponse(void 0)
  }
)

function invalid(message: string) {
  return new MedusaError(MedusaError.Types.INVALID_DATA, message)
}
