import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  GrantBonusInput,
  GrantBonusResult,
  LOYALTY_POINTS_MODULE,
  type ILoyaltyPointsModuleService,
} from "../../../types"

export const grantBonusStepId = "loyalty-points-grant-bonus"

type GrantUndo = { account_id: string; points: number; entry_id: string; idempotency_key: string }

/**
 * Credits a bonus (`bonus` entry, `reason` the kind of bonus) to the customer's account,
 * creating the account when missing, in a lot that expires per the programme, valued in
 * the programme's default currency. The bonus's idempotency key makes it once-only: a
 * key already used (a redelivered event, a second run of the daily job, a concurrent
 * handler) credits nothing and answers the first entry with `replayed: true`, even when
 * the programme's amount changed in between.
 *
 * Compensation: debits the same points back (`allow_debt`, they may have been spent).
 *
 * @example
 * const granted = grantBonusStep({ customer_id: "cus_1", reason: "signup", points: 100, idempotency_key: "bonus:signup:cus_1" })
 */
export const grantBonusStep = createStep(
  grantBonusStepId,
  async (input: GrantBonusInput, { container }) => {
    const service = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const account = await service.retrieveOrCreateAccount(input.customer_id)
    const view = (entry: { id: string; points: number }, replayed: boolean): GrantBonusResult => ({
      entry_id: entry.id,
      account_id: account.id,
      customer_id: input.customer_id,
      reason: input.reason,
      points: entry.points,
      replayed,
    })
    const [granted] = await service.listLoyaltyEntries(
      { idempotency_key: input.idempotency_key },
      { select: ["id", "points"], take: 1 }
    )
    if (granted) {
      return new StepResponse<GrantBonusResult, GrantUndo | null>(view(granted, true), null)
    }
    const settings = await service.getProgramSettings(account.program_id)
    const result = await service.creditPoints({
      account_id: account.id,
      points: input.points,
      type: "bonus",
      reason: input.reason,
      actor_type: "system",
      idempotency_key: input.idempotency_key,
      reference_type: input.reference_type ?? "bonus",
      reference_id: input.reference_id ?? null,
      order_id: input.order_id ?? null,
      currency_code: settings.default_currency_code,
      metadata: input.metadata ?? null,
    })
    if (result.replayed) {
      return new StepResponse<GrantBonusResult, GrantUndo | null>(view(result.entry, true), null)
    }
    return new StepResponse<GrantBonusResult, GrantUndo | null>(view(result.entry, false), {
      account_id: account.id,
      points: input.points,
      entry_id: result.entry.id,
      idempotency_key: input.idempotency_key,
    })
  },
  async (undo: GrantUndo | null | undefined, { container }) => {
    if (!undo) {
      return
    }
    const service = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    await service.debitPoints({
      account_id: undo.account_id,
      points: undo.points,
      type: "adjust",
      allow_debt: true,
      idempotency_key: `${undo.idempotency_key}:compensation`,
      actor_type: "system",
      reason: "compensation",
      reference_type: "entry",
      reference_id: undo.entry_id,
    })
  }
)
