import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ILoyaltyPointsModuleService } from "../../../types"
import { LOYALTY_POINTS_MODULE } from "../../../types/module"
import { ProgramSettingsPatch } from "../../../types/program-settings"

export const updateProgramSettingsStepId = "loyalty-points-update-program-settings"

/**
 * Saves the admin's programme settings; compensation stores back what was there.
 *
 * @example
 * const { settings } = updateProgramSettingsStep({ earn_rates: { usd: 0.5 } })
 */
export const updateProgramSettingsStep = createStep(
  updateProgramSettingsStepId,
  async (patch: ProgramSettingsPatch, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const { settings, previous } = await loyalty.updateProgramSettings(patch)
    return new StepResponse(settings, { previous })
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    await loyalty.restoreProgramSettings(undo.previous)
  }
)
