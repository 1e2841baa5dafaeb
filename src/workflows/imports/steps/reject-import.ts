import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_POINTS_MODULE, LoyaltyImportDTO, type ILoyaltyPointsModuleService } from "../../../types"

/** The generated update method's input for one import. */
type ImportUpdate = Parameters<ILoyaltyPointsModuleService["updateLoyaltyImports"]>[0] & { id: string }

export const rejectImportStepId = "loyalty-points-reject-import"

/**
 * Marks a `pending_approval` import rejected (409 for any other status); nothing was
 * applied, so nothing is undone. Its compensation puts the status back.
 *
 * @example
 * rejectImportStep({ import_id: "lpimp_1", actor_id: "user_2" })
 */
export const rejectImportStep = createStep(
  rejectImportStepId,
  async (input: { import_id: string; actor_id: string | null }, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const record = (await loyalty.retrieveLoyaltyImport(input.import_id)) as unknown as LoyaltyImportDTO
    if (record.status !== "pending_approval") {
      throw new MedusaError(MedusaError.Types.CONFLICT, `Import ${record.id} is ${record.status}: only an import waiting for approval can be rejected`)
    }
    const updated = await loyalty.updateLoyaltyImports({
      id: record.id,
      status: "rejected",
      reviewed_by: input.actor_id,
      reviewed_at: new Date(),
    } as unknown as ImportUpdate)
    return new StepResponse(updated as unknown as LoyaltyImportDTO, record.id)
  },
  async (importId, { container }) => {
    if (!importId) return
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    await loyalty.updateLoyaltyImports({ id: importId, status: "pending_approval", reviewed_by: null, reviewed_at: null } as unknown as ImportUpdate)
  }
)

