import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RawImportRow, validateImportRows } from "../utils/validate-import-rows"

export const validateImportStepId = "loyalty-points-validate-import"

/**
 * Validates every row and resolves its customer; 400 naming the first bad rows when
 * any row is bad, so nothing is stored or applied. (The route checks first, to answer
 * every row's error; this step keeps the workflow safe on its own.)
 *
 * @example
 * const validation = validateImportStep({ rows })
 */
export const validateImportStep = createStep(
  validateImportStepId,
  async (input: { rows: RawImportRow[] }, { container }) => {
    const validation = await validateImportRows(container, input.rows)
    if (validation.errors.length) {
      const shown = validation.errors.slice(0, 5).map((error) => `row ${error.row}: ${error.message}`)
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `The import has ${validation.errors.length} bad row(s), nothing was applied: ${shown.join("; ")}`
      )
    }
    return new StepResponse(validation)
  }
)
