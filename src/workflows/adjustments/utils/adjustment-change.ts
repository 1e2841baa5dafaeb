import { MedusaError } from "@medusajs/framework/utils"
import { ActorType, type ILoyaltyPointsModuleService } from "../../../types"

/** What the credit, debit and expiry-move steps of an adjustment take. */
export type AdjustmentChange = {
  account_id: string
  program_id: string
  customer_id: string
  /** Signed, as the admin entered it. */
  points: number
  reason: string
  note: string | null
  expires_at: Date | string | null
  idempotency_key: string
  actor_type: ActorType
  actor_id: string | null
  metadata: Record<string, unknown> | null
}

/**
 * Who made the adjustment, why and under which key: the same on the credit, debit and
 * expiry-move entries. Valued in the programme's default currency.
 */
export async function adjustmentEntryContext(service: ILoyaltyPointsModuleService, change: AdjustmentChange) {
  const settings = await service.getProgramSettings(change.program_id)
  return {
    idempotency_key: change.idempotency_key,
    actor_type: change.actor_type,
    actor_id: change.actor_id,
    reason: change.reason,
    note: change.note,
    reference_type: "adjustment",
    currency_code: settings.default_currency_code,
    metadata: change.metadata,
  }
}

/** The idempotency key of the entry that undoes an adjustment's entry. */
export function compensationKey(idempotencyKey: string) {
  return `${idempotencyKey}:compensation`
}

/**
 * A replayed key whose first run was undone (a later step failed and the compensation
 * reversed it) must not answer success: nothing is applied any more. Refuses (409)
 * so the caller retries with a new key.
 */
export async function assertNotCompensated(service: ILoyaltyPointsModuleService, idempotencyKey: string) {
  const [undone] = await service.listLoyaltyEntries(
    { idempotency_key: compensationKey(idempotencyKey) },
    { select: ["id"], take: 1 }
  )
  if (undone) {
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      `The adjustment with idempotency key "${idempotencyKey}" failed and was undone: retry with a new key`
    )
  }
}
