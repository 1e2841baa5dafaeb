import { LoyaltyReconciliationRunDTO, ReconcileVariance } from "../../../types"
import { LedgerDb } from "./db"
import { reconcile } from "./reconcile"
import { newId } from "./rows"

/**
 * Stored reconciliation runs: the reconcile check over every account, batch by batch
 * (keyset over account ids, each batch one statement with a consistent snapshot), and
 * the run written down with what it found.
 */

/** Variances kept on the run's row; the count is always complete. */
export const MAX_STORED_VARIANCES = 1000

const SQL = {
  nextAccounts: `
    SELECT id FROM loyalty_points_account WHERE deleted_at IS NULL AND id > ? ORDER BY id LIMIT ?`,
  insertRun: `
    INSERT INTO loyalty_points_reconciliation_run
      (id, started_at, finished_at, accounts_checked, variance_count, variances, created_at, updated_at)
    VALUES (?, ?, clock_timestamp(), ?, ?, ?, now(), now())
    RETURNING id, started_at, finished_at, accounts_checked, variance_count, variances, created_at, updated_at`,
}

/** Checks the next batch of accounts after `after`; null when there are none left. */
export async function reconcileBatch(
  db: LedgerDb,
  after: string,
  limit: number
): Promise<{ last_id: string; accounts_checked: number; variances: ReconcileVariance[] } | null> {
  const ids = (await db.rows<{ id: string }>(SQL.nextAccounts, [after, limit])).map((row) => row.id)
  if (!ids.length) {
    return null
  }
  const result = await reconcile(db, ids)
  return { last_id: ids[ids.length - 1], accounts_checked: result.accounts_checked, variances: result.variances }
}

/** Writes a finished run down. */
export async function storeReconciliationRun(
  db: LedgerDb,
  run: { started_at: Date; accounts_checked: number; variances: ReconcileVariance[] }
): Promise<LoyaltyReconciliationRunDTO> {
  const [row] = await db.rows<LoyaltyReconciliationRunDTO>(SQL.insertRun, [
    newId("lprec"),
    run.started_at,
    run.accounts_checked,
    run.variances.length,
    JSON.stringify(run.variances.slice(0, MAX_STORED_VARIANCES)),
  ])
  return row
}
