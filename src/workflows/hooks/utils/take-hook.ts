import { logger } from "@medusajs/framework/logger"

/**
 * Medusa allows one handler per workflow hook, process-wide, and a second registration
 * throws while the app loads, so the store would not start. The plugin takes its few
 * hooks through `takeHook`: when another plugin already holds one, the store still
 * starts, one clear error names the hook, and the feature that needs it (points
 * redemption) answers 503 with that reason while everything else keeps working.
 *
 * The record lives on `globalThis` so every copy of this module in one process (the
 * app's and a test's) reads the same one.
 */
const REGISTRY = Symbol.for("medusa-loyalty-points.hooks")

export type HookRecord = {
  /** Hooks the plugin holds, e.g. `completeCartWorkflow.hooks.validate`. */
  held: string[]
  /** Hooks someone else held first, with the reason redemption is off. */
  missing: { hook: string; reason: string }[]
}

export function hookRecord(): HookRecord {
  const store = globalThis as unknown as Record<symbol, HookRecord | undefined>
  store[REGISTRY] ??= { held: [], missing: [] }
  return store[REGISTRY]!
}

const MULTIPLE_HANDLERS = /Cannot define multiple hook handlers/

/**
 * Registers a hook handler. `register` makes the one call, e.g.
 * `() => completeCartWorkflow.hooks.validate(handler)`.
 *
 * @example
 * takeHook("completeCartWorkflow.hooks.validate", () => completeCartWorkflow.hooks.validate(guard))
 */
export function takeHook(hook: string, register: () => void) {
  const record = hookRecord()
  try {
    register()
  } catch (error) {
    if (!MULTIPLE_HANDLERS.test((error as Error)?.message ?? "")) {
      throw error
    }
    if (record.held.includes(hook)) {
      return // this module loaded twice in one process: the handler already there is ours
    }
    const reason =
      `Points redemption is unavailable: another plugin already holds ${hook}, ` +
      `which medusa-loyalty-points needs to check the points discount when a cart completes. ` +
      `Earning, reversals and the rest keep working.`
    if (!record.missing.some((entry) => entry.hook === hook)) {
      record.missing.push({ hook, reason })
    }
    logger.error(`medusa-loyalty-points: ${reason}`)
    return
  }
  if (!record.held.includes(hook)) {
    record.held.push(hook)
  }
}

/** Why points redemption is off (a hook it needs is held by someone else), or null. */
export function redemptionUnavailableReason(): string | null {
  return hookRecord().missing[0]?.reason ?? null
}
