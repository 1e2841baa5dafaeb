import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { ILoyaltyPointsModuleService } from "../../../../types"
import { LOYALTY_POINTS_MODULE } from "../../../../types/module"
import { ProgramSettings, ProgramSettingsPatch } from "../../../../types/program-settings"
import { updateProgramSettingsWorkflow } from "../../../../workflows/program"
import { answerErrors } from "../../../utils/answer-errors"

async function programView(req: MedusaRequest, settings?: ProgramSettings) {
  const loyalty = req.scope.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const program = await loyalty.retrieveDefaultProgram()
  return { id: program.id, name: program.name, ...(settings ?? (await loyalty.getProgramSettings(program.id))) }
}

export async function GET(req: MedusaRequest, res: MedusaResponse) {
  res.json({ program: await programView(req) })
}

export const POST = answerErrors(async function POST(req: MedusaRequest<ProgramSettingsPatch>, res: MedusaResponse) {
  const { result } = await updateProgramSettingsWorkflow(req.scope).run({ input: req.validatedBody })
  res.json({ program: await programView(req, result) })
})
