import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  bonusKeys,
  GrantBirthdayBonusesWorkflowInput,
  GrantBonusResult,
  LOYALTY_POINTS_MODULE,
  type ILoyaltyPointsModuleService,
} from "../../../types"
import { BonusUndo, creditBonus, undoBonus } from "../utils/credit-bonus"

export const grantBirthdayBonusesStepId = "loyalty-points-grant-birthday-bonuses-step"

const DAY_MS = 24 * 60 * 60 * 1000

/** The days a run covers, oldest first: `as_of` and the `catchUpDays` before it (UTC). */
export function birthdayRunDays(asOf: Date, catchUpDays: number): { month_day: string; year: number }[] {
  const days: { month_day: string; year: number }[] = []
  for (let back = catchUpDays; back >= 0; back--) {
    const day = new Date(asOf.getTime() - back * DAY_MS)
    const monthDay = `${String(day.getUTCMonth() + 1).padStart(2, "0")}-${String(day.getUTCDate()).padStart(2, "0")}`
    days.push({ month_day: monthDay, year: day.getUTCFullYear() })
  }
  return days
}

/**
 * Grants the programme's `birthday_bonus_points` to every account whose birthday falls on
 * the run's day (or one of the `catch_up_days` before it), once per calendar year: each
 * bonus is a `bonus` entry with reason `birthday` under `bonus:birthday:<customer>:<year>`.
 * Accounts are read by keyset pages of `batch_size`. A second run, or two overlapping
 * runs, grant nothing more. Nothing is granted while the setting is 0.
 *
 * Compensation: debits back every bonus this run granted.
 *
 * @example
 * const grants = grantBirthdayBonusesStep({ as_of: new Date() })
 */
export const grantBirthdayBonusesStep = createStep(
  grantBirthdayBonusesStepId,
  async (input: GrantBirthdayBonusesWorkflowInput, { container }) => {
    const service = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const settings = await service.getProgramSettings()
    const points = settings.birthday_bonus_points
    const grants: GrantBonusResult[] = []
    const undo: BonusUndo[] = []
    if (points <= 0) {
      return new StepResponse(grants, undo)
    }
    const asOf = input.as_of ? new Date(input.as_of) : new Date()
    const batchSize = input.batch_size ?? 500
    for (const day of birthdayRunDays(asOf, input.catch_up_days ?? 1)) {
      let afterId: string | null = null
      for (;;) {
        const due = await service.listBirthdayBonusCandidates({ ...day, limit: batchSize, after_id: afterId })
        for (const candidate of due) {
          const { grant, undo: undoGrant } = await creditBonus(
            service,
            candidate.account_id,
            {
              customer_id: candidate.customer_id,
              reason: "birthday",
              points,
              idempotency_key: bonusKeys.birthday(candidate.customer_id, day.year),
              reference_type: "birthday",
              reference_id: String(day.year),
            },
            settings.default_currency_code
          )
          if (undoGrant) {
            grants.push(grant)
            undo.push(undoGrant)
          }
        }
        if (due.length < batchSize) {
          break
        }
        afterId = due[due.length - 1].account_id
      }
    }
    return new StepResponse(grants, undo)
  },
  async (undo: BonusUndo[] | undefined, { container }) => {
    const service = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    for (const grant of undo ?? []) {
      await undoBonus(service, grant)
    }
  }
)
