import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ApplyImportInput, LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"

export const applyImportStepId = "loyalty-points-apply-import"

/**
 * Applies a stored import: every row one ledger entry, in one transaction, or nothing.
 * There is no compensation: nothing runs after it in the import workflows, and the
 * entries it wrote are the record of what was imported (a correction is a new import
 * or adjustment, as everywhere in the ledger).
 *
 * @example
 * const result = applyImportStep({ import_id: record.id, actor_id: "user_1" })
 */
export const applyImportStep = createStep(applyImportStepId, async (input: ApplyImportInput, { container }) => {
  const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  return new StepResponse(await loyalty.applyImport(input))
})
