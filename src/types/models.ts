import { LedgerEntryDTO, LedgerHoldDTO, LoyaltyAccountRecord } from "./ledger"
import { ProgramSettingsPatch } from "./program-settings"
import { LoyaltyImportDTO } from "./imports"
import { LoyaltyCampaignDTO } from "./campaigns"
import { LoyaltyEarningRuleDTO, LoyaltyTierDTO } from "./tiers-and-rules"

/** A programme as stored; `settings` holds what the admin saved over the options. */
export type LoyaltyProgramDTO = {
  id: string
  handle: string
  name: string
  is_active: boolean
  settings: ProgramSettingsPatch | null
  metadata: Record<string, unknown> | null
  created_at: Date
  updated_at: Date
}

/** The default programme as `retrieveDefaultProgram` answers it. */
export type LoyaltyProgramSummaryDTO = Pick<LoyaltyProgramDTO, "id" | "handle" | "name" | "settings">

/** Points opened by one credit, with their own expiry (`null`: never). */
export type LoyaltyLotDTO = {
  id: string
  account_id: string
  entry_id: string
  points: number
  remaining: number
  expired_points: number
  expires_at: Date | null
  /** Set on a lot opened to give back points whose original lot had expired. */
  origin_lot_id: string | null
  created_at: Date
  updated_at: Date
}

/** Which debit took how many points from which lot. */
export type LoyaltyLotConsumptionDTO = {
  id: string
  account_id: string
  entry_id: string
  lot_id: string
  points: number
  reversed_points: number
  created_at: Date
  updated_at: Date
}

/** A one-time code for a redemption; only a salted hash of the code is kept. */
export type LoyaltyOtpDTO = {
  id: string
  account_id: string
  cart_id: string
  points: number
  code_hash: string
  attempts: number
  expires_at: Date
  consumed_at: Date | null
  created_at: Date
  updated_at: Date
}

/** A `loyalty_points.expiring` announcement made for one lot and its date. */
export type LoyaltyExpiryReminderDTO = {
  id: string
  account_id: string
  lot_id: string
  expires_at: Date
  points: number
  created_at: Date
  updated_at: Date
}

/** One stored run of the reconcile check. */
export type LoyaltyReconciliationRunDTO = {
  id: string
  started_at: Date
  finished_at: Date
  accounts_checked: number
  variance_count: number
  variances: { account_id: string; field: string; recorded: number; expected: number }[]
  created_at: Date
  updated_at: Date
}

/**
 * What the module's generated methods (`listLoyaltyEntries`, `updateLoyaltyTiers`, ...)
 * take and answer, model by model: `MedusaService`'s type parameter and the source of
 * the generated methods `ILoyaltyPointsModuleService` declares.
 */
export type LoyaltyPointsModelDTOs = {
  LoyaltyProgram: { dto: LoyaltyProgramDTO }
  LoyaltyAccount: { dto: LoyaltyAccountRecord }
  LoyaltyEntry: { dto: LedgerEntryDTO }
  LoyaltyLot: { dto: LoyaltyLotDTO }
  LoyaltyLotConsumption: { dto: LoyaltyLotConsumptionDTO }
  LoyaltyHold: { dto: LedgerHoldDTO }
  LoyaltyTier: { dto: LoyaltyTierDTO }
  LoyaltyEarningRule: { dto: LoyaltyEarningRuleDTO }
  LoyaltyOtp: { dto: LoyaltyOtpDTO }
  LoyaltyExpiryReminder: { dto: LoyaltyExpiryReminderDTO }
  LoyaltyReconciliationRun: { dto: LoyaltyReconciliationRunDTO }
  LoyaltyImport: { dto: LoyaltyImportDTO }
  LoyaltyCampaign: { dto: LoyaltyCampaignDTO }
}
