import { createWorkflow, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ProgramSettingsPatch } from "../../../types/program-settings"
import { updateProgramSettingsStep } from "../steps/update-program-settings"
import { validateProgramCurrenciesStep } from "../steps/validate-program-currencies"

export const updateProgramSettingsWorkflowId = "loyalty-points-update-program-settings"

/**
 * Validates and saves the programme's settings (earn rates, redemption values, what
 * counts toward earning, rounding, minimums, caps, expiry, redemption limits).
 * Settings saved here win over the plugin options.
 *
 * @example
 * await updateProgramSettingsWorkflow(container).run({ input: { earn_rates: { usd: 0.5 } } })
 */
export const updateProgramSettingsWorkflow = createWorkflow(
  updateProgramSettingsWorkflowId,
  (input: WorkflowData<ProgramSettingsPatch>) => {
    validateProgramCurrenciesStep(input)
    const settings = updateProgramSettingsStep(input)
    return new WorkflowResponse(settings)
  }
)
