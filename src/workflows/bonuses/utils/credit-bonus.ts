import { GrantBonusInput, GrantBonusResult, type ILoyaltyPointsModuleService } from "../../../types"

/** What undoes a credited bonus: the same points debited back. */
export type BonusUndo = { account_id: string; points: number; entry_id: string; idempotency_key: string }

/**
 * Credits one bonus to an account as a `bonus` entry under its idempotency key, valued in
 * `currency_code`. A key already used credits nothing and answers the first entry
 * (`replayed`), even when the programme's amount changed in between.
 */
export async function creditBonus(
  service: ILoyaltyPointsModuleService,
  accountId: string,
  input: GrantBonusInput,
  currencyCode: string
): Promise<{ grant: GrantBonusResult; undo: BonusUndo | null }> {
  const view = (entry: { id: string; points: number }, replayed: boolean): GrantBonusResult => ({
    entry_id: entry.id,
    account_id: accountId,
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
    return { grant: view(granted, true), undo: null }
  }
  const result = await service.creditPoints({
    account_id: accountId,
    points: input.points,
    type: "bonus",
    reason: input.reason,
    actor_type: "system",
    idempotency_key: input.idempotency_key,
    reference_type: input.reference_type ?? "bonus",
    reference_id: input.reference_id ?? null,
    order_id: input.order_id ?? null,
    currency_code: currencyCode,
    metadata: input.metadata ?? null,
  })
  if (result.replayed) {
    return { grant: view(result.entry, true), undo: null }
  }
  return {
    grant: view(result.entry, false),
    undo: { account_id: accountId, points: input.points, entry_id: result.entry.id, idempotency_key: input.idempotency_key },
  }
}

/** Debits a credited bonus back (`allow_debt`: it may have been spent), once. */
export async function undoBonus(service: ILoyaltyPointsModuleService, undo: BonusUndo) {
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
