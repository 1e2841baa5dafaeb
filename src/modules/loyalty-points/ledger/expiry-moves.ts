import { LotExpiryMoveDTO, MoveLotsExpiryInput, MoveLotsExpiryResult } from "../../../types"
import { LedgerDb, lockAccount } from "./db"
import { replay, writeNewEntry } from "./entries"
import { assertDate, assertIdempotencyKey, invalid, toAccountDTO } from "./rows"

/** Moving the expiry of an account's lots (an admin adjustment of 0 points), and undoing a move. */

const SQL = {
  /** Moves every open lot of a locked account to one date; returns each lot's previous date. */
  moveOpenLotsExpiry: `
    UPDATE loyalty_points_lot AS lot
    SET expires_at = CAST(:expires_at AS timestamptz), updated_at = now()
    FROM (
      SELECT id, expires_at FROM loyalty_points_lot
      WHERE account_id = :account_id AND remaining > 0 AND deleted_at IS NULL
    ) AS previous
    WHERE lot.id = previous.id
    RETURNING lot.id AS lot_id, lot.remaining, previous.expires_at AS previous_expires_at, lot.expires_at`,
  /** Moves the given lots of a locked account each to its own date (undoing a move). */
  moveLotsExpiryTo: `
    UPDATE loyalty_points_lot AS lot
    SET expires_at = target.expires_at, updated_at = now()
    FROM unnest(CAST(:lot_ids AS text[]), CAST(:dates AS timestamptz[])) AS target(id, expires_at)
    JOIN loyalty_points_lot previous
      ON previous.id = target.id AND previous.account_id = :account_id AND previous.deleted_at IS NULL
    WHERE lot.id = target.id
    RETURNING lot.id AS lot_id, lot.remaining, previous.expires_at AS previous_expires_at, lot.expires_at`,
}

type MovedLotRow = { lot_id: string; remaining: number; previous_expires_at: Date | null; expires_at: Date | null }

/**
 * Moves the expiry of every open lot (remaining > 0) of the account to `expires_at`
 * (`null`: never), or, given `lots`, each of those lots to its own date (how a move is
 * undone). Records the move as an `adjust` entry of 0 points whose metadata lists each
 * lot's previous date. The same idempotency key twice moves once.
 */
export async function moveLotsExpiry(db: LedgerDb, input: MoveLotsExpiryInput): Promise<MoveLotsExpiryResult> {
  assertIdempotencyKey(input.idempotency_key)
  const targets = input.lots?.map((lot, index) => {
    if (typeof lot?.lot_id !== "string" || !lot.lot_id.trim()) {
      throw invalid(`lots[${index}].lot_id is required`)
    }
    return { lot_id: lot.lot_id, expires_at: assertDate(lot.expires_at, `lots[${index}].expires_at`) }
  })
  const expiresAt = targets
    ? undefined
    : assertDate(input.expires_at === undefined ? (undefined as unknown as string) : input.expires_at, "expires_at")

  const account = await lockAccount(db, input.account_id)
  const replayed = await replay(db, input.idempotency_key, account, "adjust", 0)
  if (replayed) {
    return { ...replayed, lots: [] }
  }
  const rows = targets
    ? await db.rows<MovedLotRow>(SQL.moveLotsExpiryTo, {
        account_id: account.id,
        lot_ids: targets.map((target) => target.lot_id),
        dates: targets.map((target) => target.expires_at?.toISOString() ?? null),
      })
    : await db.rows<MovedLotRow>(SQL.moveOpenLotsExpiry, {
        account_id: account.id,
        expires_at: expiresAt ? expiresAt.toISOString() : null,
      })
  const lots: LotExpiryMoveDTO[] = rows.map((row) => ({
    lot_id: row.lot_id,
    remaining: row.remaining,
    previous_expires_at: row.previous_expires_at === null ? null : new Date(row.previous_expires_at),
    expires_at: row.expires_at === null ? null : new Date(row.expires_at),
  }))
  const { entry } = await writeNewEntry(
    db,
    account,
    {
      ...input,
      type: "adjust",
      points: 0,
      balance_change: 0,
      pending_change: 0,
      metadata: {
        ...(input.metadata ?? {}),
        expiry_move: {
          expires_at: targets ? null : (expiresAt?.toISOString() ?? null),
          points: lots.reduce((sum, lot) => sum + lot.remaining, 0),
          lots: lots.map((lot) => ({
            lot_id: lot.lot_id,
            remaining: lot.remaining,
            from: lot.previous_expires_at?.toISOString() ?? null,
            to: lot.expires_at?.toISOString() ?? null,
          })),
        },
      },
    },
    { kind: "record" }
  )
  return { entry, account: toAccountDTO(account), lots, replayed: false }
}
