import { MedusaError } from "@medusajs/framework/utils"
import {
  BirthdayBonusCandidate,
  ListBirthdayBonusCandidatesInput,
  RecordReferralInput,
  RecordReferralResult,
  SetAccountBirthdayInput,
  SetAccountBirthdayResult,
} from "../../types"
import { LedgerDb, lockAccount } from "./ledger/db"
import { assertRequired, invalid } from "./ledger/rows"
import { isCalendarDate } from "../../utils/iso-date"

/** Bonuses: the account's birthday, the accounts whose birthday bonus is due, referrals. */

const SQL = {
  selectBirthday: `SELECT birthday FROM loyalty_points_account WHERE id = ?`,
  setBirthday: `UPDATE loyalty_points_account SET birthday = ?, updated_at = now() WHERE id = ?`,
  /**
   * Accounts whose birthday falls on `month_day` (also `02-29` on 28 February of a
   * non-leap year) and whose bonus for `year` has not been granted: one indexed read of
   * the accounts with a birthday, keyset-paged by id.
   */
  birthdayCandidates: `
    SELECT a.id AS account_id, a.customer_id, a.birthday
    FROM loyalty_points_account a
    WHERE a.program_id = ? AND a.birthday IS NOT NULL AND a.deleted_at IS NULL
      AND substr(a.birthday, 6, 5) IN (?, ?)
      AND a.id > ?
      AND NOT EXISTS (
        SELECT 1 FROM loyalty_points_entry e
        WHERE e.idempotency_key = 'bonus:birthday:' || a.customer_id || ':' || ? AND e.deleted_at IS NULL)
    ORDER BY a.id
    LIMIT ?`,
}

/**
 * Sets (or, with `overwrite`, changes or clears) an account's birthday under the
 * account lock. Without `overwrite` a birthday already set is refused (409) and nothing
 * changes: the customer sets it once, an admin changes it.
 */
export async function setAccountBirthday(db: LedgerDb, input: SetAccountBirthdayInput): Promise<SetAccountBirthdayResult> {
  assertRequired(input.account_id, "account_id")
  if (input.birthday !== null && !isCalendarDate(input.birthday)) {
    throw invalid("birthday must be a date written YYYY-MM-DD")
  }
  await lockAccount(db, input.account_id)
  const { birthday: previous } = (await db.first<{ birthday: string | null }>(SQL.selectBirthday, [input.account_id]))!
  if (previous && !input.overwrite) {
    if (previous === input.birthday) {
      return { account_id: input.account_id, birthday: previous, previous, changed: false }
    }
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      "Your birthday is already set and can only be set once: ask the store to correct it"
    )
  }
  if (previous === input.birthday) {
    return { account_id: input.account_id, birthday: previous, previous, changed: false }
  }
  await db.rows(SQL.setBirthday, [input.birthday, input.account_id])
  return { account_id: input.account_id, birthday: input.birthday, previous: previous ?? null, changed: true }
}

/** The accounts whose birthday bonus for `year` is due on `month_day`, after `after_id`. */
export async function listBirthdayBonusCandidates(
  db: LedgerDb,
  programId: string,
  input: ListBirthdayBonusCandidatesInput
): Promise<BirthdayBonusCandidate[]> {
  const [month, day] = input.month_day.split("-").map(Number)
  const leap = (input.year % 4 === 0 && input.year % 100 !== 0) || input.year % 400 === 0
  const alsoLeapDay = month === 2 && day === 28 && !leap ? "02-29" : input.month_day
  return await db.rows<BirthdayBonusCandidate>(SQL.birthdayCandidates, [
    programId,
    input.month_day,
    alsoLeapDay,
    input.after_id ?? "",
    String(input.year),
    input.limit ?? 500,
  ])
}

const REFERRAL_SQL = {
  selectReferral: `SELECT id, program_id, customer_id, referrer_account_id FROM loyalty_points_account WHERE id = ?`,
  selectByCode: `
    SELECT id, customer_id FROM loyalty_points_account
    WHERE program_id = ? AND referral_code = ? AND deleted_at IS NULL`,
  setReferrer: `
    UPDATE loyalty_points_account SET referrer_account_id = ?, referred_at = CASE WHEN CAST(? AS text) IS NULL THEN NULL ELSE now() END,
      updated_at = now()
    WHERE id = ?`,
}

type ReferralRow = { id: string; program_id: string; customer_id: string; referrer_account_id: string | null }

/**
 * Records the referrer of an account under the account lock: once (a repeat with the same
 * code changes nothing; another code is a 409), never oneself, and only before the
 * referee's first order (400).
 */
export async function recordReferral(db: LedgerDb, input: RecordReferralInput): Promise<RecordReferralResult> {
  assertRequired(input.account_id, "account_id")
  const code = (input.code ?? "").replace(/[\s-]/g, "").toUpperCase()
  if (!code) {
    throw invalid("code is required")
  }
  await lockAccount(db, input.account_id)
  const referee = (await db.first<ReferralRow>(REFERRAL_SQL.selectReferral, [input.account_id]))!
  const referrer = await db.first<{ id: string; customer_id: string }>(REFERRAL_SQL.selectByCode, [referee.program_id, code])
  if (referee.referrer_account_id) {
    if (referrer && referrer.id === referee.referrer_account_id) {
      return { account_id: referee.id, referrer_account_id: referrer.id, referrer_customer_id: referrer.customer_id, changed: false }
    }
    throw new MedusaError(MedusaError.Types.CONFLICT, "A referral is already recorded for your account and cannot be changed")
  }
  if (!referrer) {
    throw invalid(`code: no account has the referral code "${input.code}"`)
  }
  if (referrer.id === referee.id || referrer.customer_id === referee.customer_id) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "code: you cannot use your own referral code")
  }
  if (input.has_orders) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "code: a referral code can only be entered before your first order"
    )
  }
  await db.rows(REFERRAL_SQL.setReferrer, [referrer.id, referrer.id, referee.id])
  return { account_id: referee.id, referrer_account_id: referrer.id, referrer_customer_id: referrer.customer_id, changed: true }
}

/** Removes a recorded referrer (the compensation of `recordReferral`). */
export async function clearReferral(db: LedgerDb, accountId: string): Promise<void> {
  await lockAccount(db, accountId)
  await db.rows(REFERRAL_SQL.setReferrer, [null, null, accountId])
}
