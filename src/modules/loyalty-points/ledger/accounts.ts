import { LedgerAccountDTO } from "../../../types"
import { ensureDefaultProgram } from "../programs"
import { LedgerDb } from "./db"
import { ACCOUNT_COLUMNS, AccountRow, accountNotFound, assertRequired, newId, toAccountDTO } from "./rows"

/** Accounts: one per customer and programme, its figures kept on the row. */

const SQL = {
  insertAccountIfMissing: `
    INSERT INTO loyalty_points_account (id, program_id, customer_id, created_at, updated_at)
    VALUES (?, ?, ?, now(), now())
    ON CONFLICT (program_id, customer_id) WHERE deleted_at IS NULL DO NOTHING`,
  selectAccountByCustomer: `
    SELECT ${ACCOUNT_COLUMNS} FROM loyalty_points_account
    WHERE program_id = ? AND customer_id = ? AND deleted_at IS NULL`,
  selectAccount: `
    SELECT ${ACCOUNT_COLUMNS} FROM loyalty_points_account
    WHERE id = ? AND deleted_at IS NULL`,
}

/** The customer's account in the default programme, created (all zeros) when missing. */
export async function retrieveOrCreateAccount(db: LedgerDb, customerId: string): Promise<LedgerAccountDTO> {
  assertRequired(customerId, "customer_id")
  const program = await ensureDefaultProgram(db)
  await db.rows(SQL.insertAccountIfMissing, [newId("lpacc"), program.id, customerId])
  return toAccountDTO((await db.first<AccountRow>(SQL.selectAccountByCustomer, [program.id, customerId]))!)
}

/** One account's figures, from its row (never by summing history); 404 when missing. */
export async function retrieveAccount(db: LedgerDb, accountId: string): Promise<LedgerAccountDTO> {
  const row = await db.first<AccountRow>(SQL.selectAccount, [accountId])
  if (!row) {
    throw accountNotFound(accountId)
  }
  return toAccountDTO(row)
}
