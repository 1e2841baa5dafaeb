import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_POINTS_MODULE, ProgramSettings, type ILoyaltyPointsModuleService } from "../../../types"

export const retrieveProgramSettingsStepId = "loyalty-points-retrieve-program-settings"

/**
 * The default programme's effective settings (options with the admin's on top). Reads only.
 *
 * @example
 * const settings = retrieveProgramSettingsStep()
 */
export const retrieveProgramSettingsStep = createStep(retrieveProgramSettingsStepId, async (_: void, { container }) => {
  const service = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const settings: ProgramSettings = await service.getProgramSettings()
  return new StepResponse(settings)
})
