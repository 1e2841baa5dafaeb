import { ExpiringLotReminderDTO } from "../../../types"
import { LedgerDb } from "./db"

/**
 * Reminders: lots whose date falls within the programme's reminder window are
 * announced once per lot and date. The announcement is recorded (table
 * `loyalty_points_expiry_reminder`, unique on lot and date) in the statement that picks
 * the lots, so a second or concurrent run announces nothing again.
 */

const SQL = {
  /**
   * Records, for at most :limit open lots expiring after :as_of and by :until that were
   * not yet announced for their date, one reminder each; answers the recorded ones and
   * how many lots were looked at (a concurrent run may have recorded some of them).
   */
  recordReminders: `
    WITH due AS MATERIALIZED (
      SELECT l.id, l.account_id, l.expires_at, l.remaining
      FROM loyalty_points_lot l
      WHERE l.remaining > 0 AND l.deleted_at IS NULL
        AND l.expires_at > CAST(:as_of AS timestamptz) AND l.expires_at <= CAST(:until AS timestamptz)
        AND l.id > CAST(:after_id AS text)
        AND NOT EXISTS (
          SELECT 1 FROM loyalty_points_expiry_reminder r
          WHERE r.lot_id = l.id AND r.expires_at = l.expires_at AND r.deleted_at IS NULL)
      ORDER BY l.id
      LIMIT :limit
    ),
    recorded AS (
      INSERT INTO loyalty_points_expiry_reminder (id, account_id, lot_id, expires_at, points, created_at, updated_at)
      SELECT 'lprem_' || upper(replace(CAST(gen_random_uuid() AS text), '-', '')), account_id, id, expires_at, remaining,
        now(), now()
      FROM due
      ON CONFLICT (lot_id, expires_at) WHERE deleted_at IS NULL DO NOTHING
      RETURNING account_id, lot_id, expires_at, points
    ),
    last_due AS (
      SELECT id FROM due ORDER BY id DESC LIMIT 1
    )
    SELECT r.account_id, a.customer_id, r.lot_id, r.points, r.expires_at,
      (SELECT COUNT(*) FROM due) AS looked_at, (SELECT id FROM last_due) AS last_id
    FROM recorded r JOIN loyalty_points_account a ON a.id = r.account_id
    UNION ALL
    SELECT NULL, NULL, NULL, NULL, NULL, (SELECT COUNT(*) FROM due), (SELECT id FROM last_due)
    ORDER BY expires_at NULLS LAST, lot_id`,
}

type ReminderRow = {
  account_id: string | null
  customer_id: string | null
  lot_id: string | null
  points: number | null
  expires_at: Date | null
  looked_at: string
  last_id: string | null
}

/**
 * Where a run has got to: the last lot looked at, in id order. Id order (the primary
 * key) rather than date order, so a run reads the lot table once however many lots
 * share a date (end_of_period gives a whole period's lots the same instant).
 */
export type ReminderCursor = { after_id: string }

/**
 * One batch of reminders: the next `limit` lots after `cursor` (by id) not
 * yet announced for their date. Answers the lots it announced and where the next batch
 * starts (null when none is left), so a run reads each lot once.
 */
export async function recordReminderBatch(
  db: LedgerDb,
  asOf: Date,
  until: Date,
  limit: number,
  cursor: ReminderCursor
): Promise<{ reminders: ExpiringLotReminderDTO[]; next: ReminderCursor | null }> {
  const rows = await db.rows<ReminderRow>(SQL.recordReminders, {
    as_of: asOf.toISOString(),
    until: until.toISOString(),
    limit,
    after_id: cursor.after_id,
  })
  const reminders: ExpiringLotReminderDTO[] = []
  let lookedAt = 0
  let next: ReminderCursor | null = null
  for (const row of rows) {
    lookedAt = Number(row.looked_at)
    if (row.last_id) {
      next = { after_id: row.last_id }
    }
    if (row.lot_id) {
      reminders.push({
        account_id: row.account_id!,
        customer_id: row.customer_id!,
        lot_id: row.lot_id,
        points: Number(row.points),
        expires_at: new Date(row.expires_at!),
      })
    }
  }
  return { reminders, next: lookedAt >= limit ? next : null }
}
