import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ProgramSettingsPatch } from "../../../types/program-settings"

export const validateProgramCurrenciesStepId = "loyalty-points-validate-program-currencies"

/** Every currency code a settings patch names, with the field that names it. */
function currencyCodesOf(patch: ProgramSettingsPatch) {
  const named: { code: string; field: string }[] = []
  for (const field of ["earn_rates", "redemption_values", "min_order_amounts", "referral_min_order_amounts"] as const) {
    for (const code of Object.keys(patch[field] ?? {})) {
      named.push({ code, field: `${field}.${code}` })
    }
  }
  if (patch.default_currency_code) {
    named.push({ code: patch.default_currency_code, field: "default_currency_code" })
  }
  return named
}

/**
 * Refuses (400) a settings patch naming a currency Medusa does not know, so a typo
 * like `uds` cannot silently earn nothing.
 *
 * @example
 * validateProgramCurrenciesStep({ earn_rates: { usd: 0.5 } })
 */
export const validateProgramCurrenciesStep = createStep(
  validateProgramCurrenciesStepId,
  async (patch: ProgramSettingsPatch, { container }) => {
    const named = currencyCodesOf(patch)
    if (!named.length) {
      return new StepResponse(void 0)
    }
    const currencyModule = container.resolve(Modules.CURRENCY)
    const known = await currencyModule.listCurrencies(
      { code: [...new Set(named.map((n) => n.code))] },
      { select: ["code"] }
    )
    const knownCodes = new Set(known.map((currency) => currency.code.toLowerCase()))
    const unknown = named.filter((n) => !knownCodes.has(n.code))
    if (unknown.length) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Unknown currency code: ${unknown.map((n) => `${n.field} ("${n.code}")`).join(", ")}`
      )
    }
    return new StepResponse(void 0)
  }
)
