import { MedusaError } from "@medusajs/framework/utils"
import { ReservedVoucher, ReserveVoucherInput } from "../../../types"
import { accountSettings } from "../programs"
import { LedgerDb, lockAccount } from "./db"
import { findEntryByKey } from "./entries"
import { debitPoints } from "./points"
import { reversedPoints } from "./reversal"
import { assertIdempotencyKey, assertPositiveInteger, assertRequired, keyReused, toAccountDTO, toEntryDTO } from "./rows"

/**
 * Vouchers: points turned into a discount code. The code and its debit are made
 * together, under the account lock and the request's idempotency key.
 */

const SQL = {
  /** Points the account turned into vouchers in the last 24 hours, net of what came back. */
  voucherPointsSince: `
    SELECT COALESCE(SUM(-e.balance_change), 0) - COALESCE(SUM((
      SELECT COALESCE(SUM(r.balance_change), 0) FROM loyalty_points_entry r
      WHERE r.reversal_of_id = e.id AND r.deleted_at IS NULL)), 0) AS points
    FROM loyalty_points_entry e
    WHERE e.account_id = ? AND e.type = 'redeem' AND e.reference_type = 'voucher'
      AND e.deleted_at IS NULL AND e.created_at > now() - interval '24 hours'`,
  /** Voucher debits older than the grace period that nothing gave back yet, oldest first. */
  unsettledVoucherDebits: `
    SELECT e.id, e.reference_id AS code, e.idempotency_key, -e.balance_change AS points
    FROM loyalty_points_entry e
    WHERE e.type = 'redeem' AND e.reference_type = 'voucher' AND e.deleted_at IS NULL
      AND e.created_at < now() - make_interval(mins => CAST(:minutes AS int))
      AND e.created_at > now() - interval '30 days'
      AND NOT EXISTS (SELECT 1 FROM loyalty_points_entry r WHERE r.reversal_of_id = e.id AND r.deleted_at IS NULL)
    ORDER BY e.created_at, e.id
    LIMIT :limit`,
}

/** A voucher debit that may have no voucher: its request crashed between the debit and the code. */
export type VoucherDebitToCheck = { id: string; code: string; idempotency_key: string; points: number }

/**
 * Voucher debits older than `minutes` (and younger than 30 days) that nothing gave
 * back: the recovery job checks each has its promotion.
 */
export async function unsettledVoucherDebits(
  db: LedgerDb,
  input: { minutes: number; limit: number }
): Promise<VoucherDebitToCheck[]> {
  const rows = await db.rows<VoucherDebitToCheck>(SQL.unsettledVoucherDebits, { minutes: input.minutes, limit: input.limit })
  return rows.map((row) => ({ ...row, points: Number(row.points) }))
}

/**
 * Insert-or-get of a voucher's debit, under the account lock: a request whose key was
 * used answers the first debit (`replayed`, with whether its points were given back
 * because the request failed); otherwise it checks the programme's daily voucher cap
 * (`vouchers.max_points_per_day`, over the last 24 hours) and spends the points
 * (`redeem`, reason `voucher`, referring to the code).
 */
export async function reserveVoucher(db: LedgerDb, input: ReserveVoucherInput): Promise<ReservedVoucher> {
  assertPositiveInteger(input.points, "points")
  assertIdempotencyKey(input.idempotency_key)
  assertRequired(input.code, "code")
  const account = await lockAccount(db, input.account_id)

  const existing = await findEntryByKey(db, input.idempotency_key)
  if (existing) {
    if (existing.account_id !== account.id || existing.type !== "redeem" || existing.points !== -input.points) {
      throw keyReused(input.idempotency_key)
    }
    return {
      entry: toEntryDTO(existing),
      account: toAccountDTO(account),
      replayed: true,
      given_back: (await reversedPoints(db, existing.id)) > 0,
    }
  }

  const cap = (await accountSettings(db, account)).vouchers.max_points_per_day
  if (cap !== null) {
    const used = Number((await db.first<{ points: string | number }>(SQL.voucherPointsSince, [account.id]))!.points)
    if (used + input.points > cap) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Vouchers are limited to ${cap} points per 24 hours: ${Math.max(cap - used, 0)} left, ${input.points} requested`
      )
    }
  }

  const result = await debitPoints(db, {
    account_id: account.id,
    points: input.points,
    type: "redeem",
    idempotency_key: input.idempotency_key,
    actor_type: input.actor_type,
    actor_id: input.actor_id,
    reason: "voucher",
    reference_type: "voucher",
    reference_id: input.code,
    currency_code: input.currency_code,
    money_amount: input.amount,
    metadata: {
      code: input.code,
      amount: input.amount,
      currency_code: input.currency_code,
      expires_at: new Date(input.expires_at).toISOString(),
      customer_id: input.customer_id,
    },
  })
  return { entry: result.entry, account: result.account, replayed: result.replayed, given_back: false }
}
