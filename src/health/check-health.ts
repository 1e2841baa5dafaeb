import fs from "fs"
import path from "path"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService, parseLoyaltyPointsOptions } from "../types"
import { hookRecord } from "../workflows/hooks/utils/take-hook"

export type LoyaltyPointsHealthCheck = { name: string; ok: boolean; detail: string }

export type LoyaltyPointsHealth = {
  /** false when any check failed; warnings do not make it false. */
  healthy: boolean
  checks: LoyaltyPointsHealthCheck[]
  migrations: { expected: string[]; applied: string[]; missing: string[] }
  hooks: { hook: string; file: string; loaded: boolean; held: boolean }[]
  /** Hooks another plugin held first: points redemption is off until that is resolved. */
  hooks_missing: { hook: string; reason: string }[]
  /** Currencies of the store's regions without an earn rate (orders in them earn 0) or without a redemption value. */
  currencies: { currency_code: string; earn_rate: number | null; redemption_value: number | null }[]
  warnings: string[]
}

const HOOK_PATTERN = /([A-Za-z]+Workflow)\.hooks\.([A-Za-z]+)\(/g
const SOURCE_FILE = /^[^.]+(?<!\.d)\.(js|ts)$/

function listSourceFiles(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((file) => SOURCE_FILE.test(file)).sort() : []
}

/** The module's migrations, by class name, as shipped beside this file (src or .medusa/server). */
function expectedMigrations(): string[] {
  const dir = path.join(__dirname, "..", "modules", "loyalty-points", "migrations")
  return listSourceFiles(dir).map((file) => file.replace(/\.(js|ts)$/, ""))
}

/** The core workflow hooks the plugin's files register, and whether Medusa loaded each file. */
function heldHooks(): LoyaltyPointsHealth["hooks"] {
  const dir = path.join(__dirname, "..", "workflows", "hooks")
  const cache = require.cache
  const { held } = hookRecord()
  return listSourceFiles(dir).flatMap((file) => {
    const fullPath = path.join(dir, file)
    const source = fs.readFileSync(fullPath, "utf8")
    const hooks = [...source.matchAll(HOOK_PATTERN)].map((match) => `${match[1]}.hooks.${match[2]}`)
    return [...new Set(hooks)].map((hook) => ({ hook, file: `workflows/hooks/${file}`, loaded: Boolean(cache[fullPath]), held: held.includes(hook) }))
  })
}

/**
 * Checks an installed plugin: the module's migrations ran, its options parse, its
 * hook handlers loaded (and none clashes with `@medusajs/loyalty-plugin`), and every
 * currency of the store's regions has an earn rate and a redemption value. Read-only.
 *
 * @example
 * const health = await checkLoyaltyPointsHealth(req.scope)
 * if (!health.healthy) console.error(health.checks.filter((c) => !c.ok))
 */
export async function checkLoyaltyPointsHealth(container: MedusaContainer): Promise<LoyaltyPointsHealth> {
  const checks: LoyaltyPointsHealthCheck[] = []
  const warnings: string[] = []

  let loyalty: ILoyaltyPointsModuleService | null = null
  try {
    loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    checks.push({ name: "module", ok: true, detail: `module "${LOYALTY_POINTS_MODULE}" is registered` })
  } catch {
    checks.push({ name: "module", ok: false, detail: `module "${LOYALTY_POINTS_MODULE}" is not registered: is the plugin in medusa-config's plugins?` })
  }

  const expected = expectedMigrations()
  let applied: string[] = []
  try {
    const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as unknown as {
      raw(sql: string, bindings: unknown[]): Promise<{ rows: { name: string }[] }>
    }
    const { rows } = await pg.raw("SELECT name FROM mikro_orm_migrations WHERE name = ANY(?)", [expected])
    applied = rows.map((row: { name: string }) => row.name)
  } catch (error) {
    warnings.push(`could not read mikro_orm_migrations: ${(error as Error)?.message ?? error}`)
  }
  const missing = expected.filter((name) => !applied.includes(name))
  checks.push({
    name: "migrations",
    ok: expected.length > 0 && missing.length === 0,
    detail: missing.length
      ? `${missing.length} of ${expected.length} migrations not applied (${missing.join(", ")}): run npx medusa db:migrate`
      : `${applied.length} of ${expected.length} migrations applied`,
  })

  let settings: Awaited<ReturnType<ILoyaltyPointsModuleService["getProgramSettings"]>> | null = null
  if (loyalty) {
    try {
      const { program_defaults, ...options } = loyalty.getOptions()
      parseLoyaltyPointsOptions({ ...options, program: program_defaults })
      checks.push({ name: "options", ok: true, detail: "plugin options are valid" })
    } catch (error) {
      checks.push({ name: "options", ok: false, detail: (error as Error)?.message ?? String(error) })
    }
    try {
      settings = await loyalty.getProgramSettings()
    } catch (error) {
      checks.push({ name: "program", ok: false, detail: `programme settings unreadable: ${(error as Error)?.message ?? error}` })
    }
  }

  const hooks = heldHooks()
  const notLoaded = hooks.filter((hook) => !hook.loaded)
  const hooksMissing = hookRecord().missing
  checks.push({
    name: "hooks",
    ok: hooks.length > 0 && notLoaded.length === 0 && hooksMissing.length === 0,
    detail: hooksMissing.length
      ? hooksMissing.map((entry) => entry.reason).join(" ")
      : notLoaded.length
        ? `hook handlers not loaded: ${notLoaded.map((hook) => hook.hook).join(", ")}`
        : `holds ${hooks.map((hook) => hook.hook).join(", ")}`,
  })

  const currencies: LoyaltyPointsHealth["currencies"] = []
  try {
    const regionModule = container.resolve(Modules.REGION)
    const regions = await regionModule.listRegions({}, { select: ["currency_code"] })
    const codes = [...new Set(regions.map((region) => region.currency_code.toLowerCase()))].sort()
    for (const code of codes) {
      const earn = settings?.earn_rates?.[code]
      const value = settings?.redemption_values?.[code]
      currencies.push({ currency_code: code, earn_rate: earn ?? null, redemption_value: value ?? null })
      if (settings && !earn) {
        warnings.push(`currency ${code} has no earn rate: orders in ${code} earn 0 points (reason "no_earn_rate")`)
      }
      if (settings && !value) {
        warnings.push(`currency ${code} has no redemption value: points cannot be spent in ${code} carts`)
      }
    }
  } catch (error) {
    warnings.push(`could not read the store's regions: ${(error as Error)?.message ?? error}`)
  }

  return {
    healthy: checks.every((check) => check.ok),
    checks,
    migrations: { expected, applied, missing },
    hooks,
    hooks_missing: hooksMissing,
    currencies,
    warnings,
  }
}
