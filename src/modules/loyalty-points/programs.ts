import { MathBN, MedusaError } from "@medusajs/framework/utils"
import {
  LoyaltyPointsOptions,
  LoyaltyProgramSummaryDTO,
  mergeProgramSettings,
  ProgramSettings,
  ProgramSettingsPatch,
  ProgramSettingsPatchSchema,
  UpdateProgramSettingsResult,
} from "../../types"
import { LedgerDb } from "./ledger/db"
import { invalid, LockedAccountRow, newId } from "./ledger/rows"
import { roundLedgerMoney } from "../../utils/money"

/**
 * The programme: the default one (created on first use), its effective settings (the
 * options' defaults with what the admin saved on top), and the filter of the earning
 * rules that apply at a date.
 */

const DEFAULT_PROGRAM_HANDLE = "default"

/**
 * The id the default programme is created with, so that a read made before it exists
 * (a shopper's first visit) answers the id it will have, without creating it.
 */
export const DEFAULT_PROGRAM_ID = "lpprog_default"

const SQL = {
  insertDefaultProgram: `
    INSERT INTO loyalty_points_program (id, handle, name, is_active, created_at, updated_at)
    VALUES (?, ?, ?, true, now(), now())
    ON CONFLICT DO NOTHING`,
  selectProgramByHandle: `
    SELECT id, handle, name, settings FROM loyalty_points_program
    WHERE handle = ? AND deleted_at IS NULL`,
  lockProgram: `
    SELECT id, settings FROM loyalty_points_program WHERE id = ? AND deleted_at IS NULL FOR UPDATE`,
  setProgramSettings: `
    UPDATE loyalty_points_program SET settings = ?, updated_at = now() WHERE id = ?`,
  selectProgramById: `
    SELECT id, handle, name, settings FROM loyalty_points_program
    WHERE id = ? AND deleted_at IS NULL`,
}

/** The default programme, created on first use. */
export async function ensureDefaultProgram(db: LedgerDb): Promise<LoyaltyProgramSummaryDTO> {
  const existing = await readDefaultProgram(db)
  if (existing) {
    return existing
  }
  await db.rows(SQL.insertDefaultProgram, [DEFAULT_PROGRAM_ID, DEFAULT_PROGRAM_HANDLE, "Loyalty points"])
  const created = await readDefaultProgram(db)
  if (created) {
    return created
  }
  // The id is taken by a deleted programme: a new one under a fresh id.
  await db.rows(SQL.insertDefaultProgram, [newId("lpprog"), DEFAULT_PROGRAM_HANDLE, "Loyalty points"])
  return (await readDefaultProgram(db))!
}

/** The default programme as stored; undefined before its first use. A read: creates nothing. */
export async function readDefaultProgram(db: LedgerDb): Promise<LoyaltyProgramSummaryDTO | undefined> {
  return await db.preparedRows<LoyaltyProgramSummaryDTO>("default_program", SQL.selectProgramByHandle, [
    DEFAULT_PROGRAM_HANDLE,
  ]).then((rows) => rows[0])
}

/**
 * The default programme's effective settings, read without creating it: before its
 * first use they are the options' defaults.
 */
export async function defaultProgramSettings(db: LedgerDb): Promise<ProgramSettings> {
  return effectiveSettings(db.options, (await readDefaultProgram(db)) ?? { settings: null })
}

/** Effective settings already validated, per options and saved settings: a write does not re-parse them. */
const settingsCache = new WeakMap<LoyaltyPointsOptions, Map<string, ProgramSettings>>()
const SETTINGS_CACHE_SIZE = 32

/** A programme's effective settings: the options' defaults with what the admin saved on top. */
export function effectiveSettings(
  options: LoyaltyPointsOptions,
  program: { settings: ProgramSettingsPatch | null }
): ProgramSettings {
  if (!program.settings) {
    return mergeProgramSettings(options.program_defaults, undefined)
  }
  let cache = settingsCache.get(options)
  if (!cache) {
    cache = new Map()
    settingsCache.set(options, cache)
  }
  const key = JSON.stringify(program.settings)
  let settings = cache.get(key)
  if (!settings) {
    settings = mergeProgramSettings(options.program_defaults, program.settings)
    if (cache.size >= SETTINGS_CACHE_SIZE) {
      cache.clear()
    }
    cache.set(key, settings)
  }
  return settings
}

/** The effective settings of the programme `programId`; 404 when it is gone. */
export async function settingsOf(db: LedgerDb, programId: string): Promise<ProgramSettings> {
  const program = await db.first<LoyaltyProgramSummaryDTO>(SQL.selectProgramById, [programId])
  if (!program) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Loyalty programme ${programId} was not found`)
  }
  return effectiveSettings(db.options, program)
}

/** The settings of a locked account's programme, from the lock's own read when it has them. */
export async function accountSettings(db: LedgerDb, account: LockedAccountRow): Promise<ProgramSettings> {
  if (account.program_found) {
    rememberProgramSettings(db.options, account)
    return effectiveSettings(db.options, { settings: account.program_settings })
  }
  return await settingsOf(db, account.program_id)
}

/**
 * The default programme's saved settings as the last account locked showed them, per
 * options: what a write sent with its lock in one round trip (ledger/one-trip.ts)
 * computes an expiry and a money value from before it has the row, its statement
 * checking that they are still the saved ones.
 */
const lastSeenDefaultProgram = new WeakMap<LoyaltyPointsOptions, { stored: ProgramSettingsPatch | null }>()

/** Keeps what a locked account showed of the default programme's saved settings. */
export function rememberProgramSettings(options: LoyaltyPointsOptions, account: LockedAccountRow) {
  if (account.program_found && account.program_id === DEFAULT_PROGRAM_ID) {
    lastSeenDefaultProgram.set(options, { stored: account.program_settings })
  }
}

/** The default programme's settings as last seen by a lock, with what was stored; undefined before any. */
export function lastSeenDefaultProgramSettings(
  options: LoyaltyPointsOptions
): { program_id: string; stored: ProgramSettingsPatch | null; settings: ProgramSettings } | undefined {
  const seen = lastSeenDefaultProgram.get(options)
  return seen && { program_id: DEFAULT_PROGRAM_ID, stored: seen.stored, settings: effectiveSettings(options, { settings: seen.stored }) }
}

/** The money value of `points` under `settings` in `currency`; null when it has no redemption value. */
export function moneyValueAt(settings: ProgramSettings, points: number, currency: string) {
  const value = settings.redemption_values[currency.toLowerCase()]
  return value === undefined ? null : roundLedgerMoney(MathBN.mult(Math.abs(points), value))
}

/**
 * Saves admin-chosen settings over the options' defaults (nested `expiry` and
 * `redemption` merge field by field); refuses (400) a result that is not a valid
 * programme. Answers the effective settings and what was stored before.
 */
export async function updateProgramSettings(
  db: LedgerDb,
  patch: ProgramSettingsPatch
): Promise<UpdateProgramSettingsResult> {
  const parsed = ProgramSettingsPatchSchema.safeParse(patch ?? {})
  if (!parsed.success) {
    throw invalid(
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "settings"}: ${issue.message}`).join("; ")
    )
  }
  const program = await ensureDefaultProgram(db)
  const locked = (await db.first<{ settings: ProgramSettingsPatch | null }>(SQL.lockProgram, [program.id]))!
  const previous: ProgramSettingsPatch | null = locked.settings ?? null
  const stored: ProgramSettingsPatch = {
    ...(previous ?? {}),
    ...parsed.data,
    ...(previous?.expiry || parsed.data.expiry ? { expiry: { ...(previous?.expiry ?? {}), ...(parsed.data.expiry ?? {}) } } : {}),
    ...(previous?.redemption || parsed.data.redemption
      ? { redemption: { ...(previous?.redemption ?? {}), ...(parsed.data.redemption ?? {}) } }
      : {}),
    ...(previous?.vouchers || parsed.data.vouchers
      ? { vouchers: { ...(previous?.vouchers ?? {}), ...(parsed.data.vouchers ?? {}) } }
      : {}),
  }
  let settings: ProgramSettings
  try {
    settings = effectiveSettings(db.options, { settings: stored })
  } catch (error) {
    throw invalid(`The programme settings would not be valid: ${(error as Error).message}`)
  }
  await db.rows(SQL.setProgramSettings, [JSON.stringify(stored), program.id])
  return { settings, previous }
}

/** Puts back programme settings exactly as they were stored (`null`: options only). */
export async function restoreProgramSettings(db: LedgerDb, stored: ProgramSettingsPatch | null) {
  const program = await ensureDefaultProgram(db)
  await db.rows(SQL.setProgramSettings, [stored ? JSON.stringify(stored) : null, program.id])
}

/**
 * The filter of the programme's earning rules that apply at `at`: active, and `at`
 * within their dates (`starts_at` null or <= `at`, `ends_at` null or > `at`).
 */
export function activeEarningRulesFilter(programId: string, at: Date) {
  return {
    program_id: programId,
    is_active: true,
    $and: [
      { $or: [{ starts_at: null }, { starts_at: { $lte: at } }] },
      { $or: [{ ends_at: null }, { ends_at: { $gt: at } }] },
    ],
  }
}
