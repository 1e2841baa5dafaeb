import { MedusaError } from "@medusajs/framework/utils"
import { ApplyImportInput, ApplyImportResult, ImportRowDTO, LoyaltyImportDTO } from "../../../types"
import { LedgerDb, LOCK_TIMEOUT } from "./db"
import { credit, debit } from "./points"
import { ACCOUNT_COLUMNS, assertDate, assertRequired, LockedAccountRow, newId, notEnoughPoints } from "./rows"

/** Bulk imports: every row of an import as one ledger entry each, all in one transaction. */

const IMPORT_COLUMNS = `id, program_id, status, row_count, total_points, rows, note, created_by, reviewed_by,
  reviewed_at, applied_at, idempotency_key, metadata, created_at, updated_at`

const SQL = {
  lockImport: `
    SELECT ${IMPORT_COLUMNS} FROM loyalty_points_import
    WHERE id = ? AND deleted_at IS NULL
    FOR UPDATE`,
  /** Every customer of the import gets an account (all zeros) unless they have one. */
  insertMissingAccounts: `
    INSERT INTO loyalty_points_account (id, program_id, customer_id, created_at, updated_at)
    SELECT ids.id, ?, ids.customer_id, now(), now()
    FROM unnest(?::text[], ?::text[]) AS ids(id, customer_id)
    ON CONFLICT (program_id, customer_id) WHERE deleted_at IS NULL DO NOTHING`,
  /**
   * Locks every account of the import at once, in id order (so two imports cannot
   * deadlock), as lockAccount locks one: with the programme's settings alongside.
   */
  lockAccounts: `
    WITH lock_timeout AS MATERIALIZED (SELECT set_config('lock_timeout', '${LOCK_TIMEOUT}', true) AS value)
    SELECT ${ACCOUNT_COLUMNS.split(",").map((column) => `a.${column.trim()}`).join(", ")},
      p.id AS program_found, p.settings AS program_settings
    FROM lock_timeout, loyalty_points_account a
    LEFT JOIN loyalty_points_program p ON p.id = a.program_id AND p.deleted_at IS NULL
    WHERE a.program_id = ? AND a.customer_id = ANY(?::text[]) AND a.deleted_at IS NULL
    ORDER BY a.id
    FOR UPDATE OF a`,
  markApplied: `
    UPDATE loyalty_points_import SET status = 'applied', applied_at = now(), updated_at = now(),
      reviewed_by = COALESCE(?, reviewed_by), reviewed_at = CASE WHEN ?::boolean THEN now() ELSE reviewed_at END
    WHERE id = ?
    RETURNING ${IMPORT_COLUMNS}`,
}

type ImportRow = Omit<LoyaltyImportDTO, "total_points"> & { total_points: string | number }

const toImportDTO = (row: ImportRow): LoyaltyImportDTO => ({
  ...row,
  total_points: Number(row.total_points),
  rows: (row.rows ?? []) as ImportRowDTO[],
})

/** The ledger key of one row: an import's rows are written once, whatever happens. */
export const importEntryKey = (importId: string, row: number) => `import:${importId}:${row}`

/**
 * Applies an import: one `import` entry per row (a credit opens a lot with the row's
 * expiry or the programme's policy; a debit takes first-expiring lots and never goes
 * below `available`), each under `import:<id>:<row>`, with the requesting admin as
 * actor, then marks the import applied. All in the caller's transaction: a row that
 * fails (not enough points by now) undoes every row. Accounts are locked in account id
 * order, so two imports touching the same customers cannot deadlock. An applied import
 * answers itself (a replay); a rejected one is 409; a `pending_approval` one needs
 * `approval` by an admin other than its creator (403 for the creator).
 *
 * @example
 * await applyImport(db, { import_id: "lpimp_1", actor_id: "user_2", approval: true })
 */
export async function applyImport(db: LedgerDb, input: ApplyImportInput): Promise<ApplyImportResult> {
  assertRequired(input.import_id, "import_id")
  if (!db.inTransaction) {
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "An import can only be applied inside a transaction")
  }
  const locked = await db.first<ImportRow>(SQL.lockImport, [input.import_id])
  if (!locked) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Loyalty points import ${input.import_id} was not found`)
  }
  const found = toImportDTO(locked)
  if (found.status === "applied") {
    return { import: found, entries_written: 0, replayed: true }
  }
  if (found.status === "rejected") {
    throw new MedusaError(MedusaError.Types.CONFLICT, `Import ${found.id} was rejected and cannot be applied`)
  }
  if (found.status === "pending_approval" && !input.approval) {
    throw new MedusaError(MedusaError.Types.CONFLICT, `Import ${found.id} is waiting for another admin's approval`)
  }
  if (input.approval && found.created_by && found.created_by === input.actor_id) {
    throw new MedusaError(MedusaError.Types.FORBIDDEN, "An admin cannot approve their own import: another admin must")
  }

  const rows = found.rows
  const customerIds = [...new Set(rows.map((row) => row.customer_id))]
  await db.rows(SQL.insertMissingAccounts, [found.program_id, customerIds.map(() => newId("lpacc")), customerIds])
  const lockedAccounts = await db.rows<LockedAccountRow>(SQL.lockAccounts, [found.program_id, customerIds])
  // Locked for the rest of the transaction; each write's result keeps the figures current.
  const accountOf = new Map(lockedAccounts.map((account) => [account.customer_id, account]))
  const ordered = [...rows].sort((a, b) => {
    const left = accountOf.get(a.customer_id)!.id
    const right = accountOf.get(b.customer_id)!.id
    return left < right ? -1 : left > right ? 1 : a.row - b.row
  })

  let written = 0
  for (const row of ordered) {
    const account = accountOf.get(row.customer_id)!
    const context = {
      account_id: account.id,
      type: "import" as const,
      reason: row.reason,
      note: found.note,
      actor_type: "user" as const,
      actor_id: found.created_by,
      reference_type: "import",
      reference_id: found.id,
      idempotency_key: importEntryKey(found.id, row.row),
      metadata: { import_id: found.id, row: row.row, ...(input.approval ? { approved_by: input.actor_id } : {}) },
    }
    let result
    if (row.points > 0) {
      const expiry = row.expires_at ? assertDate(row.expires_at, `rows[${row.row}].expires_at`) : undefined
      result = await credit(db, account, { ...context, points: row.points, from_pending: 0 }, expiry)
    } else {
      const available = account.balance - account.held
      if (-row.points > available) {
        throw new MedusaError(
          MedusaError.Types.CONFLICT,
          `Row ${row.row}: ${notEnoughPoints(available, -row.points).message}`
        )
      }
      result = await debit(db, account, { ...context, points: -row.points }, 0)
    }
    if (result) {
      written += 1
      Object.assign(account, {
        balance: result.account.balance,
        pending: result.account.pending,
        held: result.account.held,
        lifetime_earned: result.account.lifetime_earned,
        lifetime_redeemed: result.account.lifetime_redeemed,
      })
    }
  }

  const [applied] = await db.rows<ImportRow>(SQL.markApplied, [
    input.approval ? input.actor_id : null,
    Boolean(input.approval),
    found.id,
  ])
  return { import: toImportDTO(applied), entries_written: written, replayed: false }
}
