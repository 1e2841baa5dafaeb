import { createHash } from "crypto"
import { LedgerAccountDTO, LedgerEntryDTO } from "../../../types"
import { DEFAULT_PROGRAM_ID, ensureDefaultProgram } from "../programs"
import { LedgerDb } from "./db"
import {
  ACCOUNT_COLUMNS,
  AccountRow,
  accountNotFound,
  assertRequired,
  ENTRY_COLUMNS,
  EntryRow,
  newId,
  toAccountDTO,
  toEntryDTO,
} from "./rows"

/** Accounts: one per customer and programme, its figures kept on the row. */

const SQL = {
  insertAccountIfMissing: `
    INSERT INTO loyalty_points_account (id, program_id, customer_id, referral_code, created_at, updated_at)
    VALUES (?, ?, ?, ?, now(), now())
    ON CONFLICT DO NOTHING`,
  /** The default programme and the customer's account in it, each null when missing. */
  selectCustomerAccount: `
    SELECT p.id AS program_id, a.id, a.customer_id, a.balance, a.pending, a.held, a.lifetime_earned,
      a.lifetime_redeemed, a.tier_id, a.referral_code, a.birthday, a.metadata, a.created_at, a.updated_at
    FROM (SELECT 1) one
    LEFT JOIN loyalty_points_program p ON p.handle = 'default' AND p.deleted_at IS NULL
    LEFT JOIN loyalty_points_account a ON a.program_id = p.id AND a.customer_id = ? AND a.deleted_at IS NULL`,
  selectAccountByCustomer: `
    SELECT ${ACCOUNT_COLUMNS} FROM loyalty_points_account
    WHERE program_id = ? AND customer_id = ? AND deleted_at IS NULL`,
  /** A page of the account's history, newest first, with the count kept on the account. */
  selectEntryPage: `
    SELECT a.entry_count, e.*
    FROM loyalty_points_account a
    LEFT JOIN LATERAL (
      SELECT ${ENTRY_COLUMNS} FROM loyalty_points_entry
      WHERE account_id = a.id AND deleted_at IS NULL
      ORDER BY created_at DESC, id DESC
      LIMIT ? OFFSET ?
    ) e ON true
    WHERE a.id = ? AND a.deleted_at IS NULL`,
  selectAccount: `
    SELECT ${ACCOUNT_COLUMNS} FROM loyalty_points_account
    WHERE id = ? AND deleted_at IS NULL`,
  assignReferralCode: `
    UPDATE loyalty_points_account SET referral_code = ?, updated_at = now()
    WHERE id = ? AND referral_code IS NULL`,
}

/** No 0/O, 1/I/L: a code read aloud or typed from a screenshot survives. */
const REFERRAL_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
const REFERRAL_CODE_LENGTH = 10

/**
 * An account's referral code: 10 characters of a 31-letter alphabet (about 50 bits)
 * derived from the account id, so a read made before the account is stored shows the
 * code it will have. Unique by index.
 */
export function referralCodeFor(accountId: string): string {
  const digest = createHash("sha256").update(`referral:${accountId}`).digest()
  let code = ""
  for (let i = 0; i < REFERRAL_CODE_LENGTH; i++) {
    code += REFERRAL_ALPHABET[digest[i] % REFERRAL_ALPHABET.length]
  }
  return code
}

/**
 * The customer's account in the default programme, created (all zeros, with a referral
 * code) when missing. An account made elsewhere without a code (a bulk load) gets one here.
 */
export async function retrieveOrCreateAccount(db: LedgerDb, customerId: string): Promise<LedgerAccountDTO> {
  assertRequired(customerId, "customer_id")
  const program = await ensureDefaultProgram(db)
  const accountId = accountIdFor(program.id, customerId)
  await db.rows(SQL.insertAccountIfMissing, [accountId, program.id, customerId, referralCodeFor(accountId)])
  let row = await db.first<AccountRow>(SQL.selectAccountByCustomer, [program.id, customerId])
  if (!row) {
    // The id (or its code) is taken by a deleted account: a new one under a fresh id.
    const freshId = newId("lpacc")
    await db.rows(SQL.insertAccountIfMissing, [freshId, program.id, customerId, referralCodeFor(freshId)])
    row = (await db.first<AccountRow>(SQL.selectAccountByCustomer, [program.id, customerId]))!
  }
  if (!row.referral_code) {
    await db.rows(SQL.assignReferralCode, [referralCodeFor(row.id), row.id])
    row = (await db.first<AccountRow>(SQL.selectAccountByCustomer, [program.id, customerId]))!
  }
  return toAccountDTO(row)
}

/**
 * The id a customer's account in a programme is created with: derived from both, so a
 * read made before the account exists answers the id it will have.
 */
export function accountIdFor(programId: string, customerId: string): string {
  return `lpacc_${createHash("sha256").update(`${programId}:${customerId}`).digest("hex").slice(0, 26).toUpperCase()}`
}

/**
 * The customer's account in the default programme, or the account of zeros it will be
 * (same id, not stored). One query; creates nothing.
 */
export async function readCustomerAccount(db: LedgerDb, customerId: string): Promise<LedgerAccountDTO> {
  assertRequired(customerId, "customer_id")
  const [row] = await db.preparedRows<AccountRow & { id: string | null }>("customer_account", SQL.selectCustomerAccount, [
    customerId,
  ])
  if (row?.id) {
    // The account views show the birthday; the one account shape does not carry it.
    return { ...toAccountDTO(row), birthday: row.birthday ?? null }
  }
  const programId = row?.program_id ?? DEFAULT_PROGRAM_ID
  const now = new Date()
  const accountId = accountIdFor(programId, customerId)
  return toAccountDTO({
    id: accountId,
    program_id: programId,
    customer_id: customerId,
    balance: 0,
    pending: 0,
    held: 0,
    lifetime_earned: 0,
    lifetime_redeemed: 0,
    tier_id: null,
    referral_code: referralCodeFor(accountId),
    metadata: null,
    created_at: now,
    updated_at: now,
  })
}

/**
 * A page of the account's history, newest first (the id breaks ties, so pages never
 * overlap), and its count kept on the account: no count over the history. An account
 * not stored yet has none.
 */
export async function listAccountEntries(
  db: LedgerDb,
  accountId: string,
  page: { limit: number; offset: number }
): Promise<{ entries: LedgerEntryDTO[]; count: number }> {
  assertRequired(accountId, "account_id")
  const rows = await db.preparedRows<EntryRow & { entry_count: number; id: string | null }>(
    "entry_page",
    SQL.selectEntryPage,
    [page.limit, page.offset, accountId]
  )
  return {
    entries: rows.filter((row) => row.id).map((row) => toEntryDTO(row)),
    count: rows[0]?.entry_count ?? 0,
  }
}

/** One account's figures, from its row (never by summing history); 404 when missing. */
export async function retrieveAccount(db: LedgerDb, accountId: string): Promise<LedgerAccountDTO> {
  const row = await db.first<AccountRow>(SQL.selectAccount, [accountId])
  if (!row) {
    throw accountNotFound(accountId)
  }
  return toAccountDTO(row)
}
