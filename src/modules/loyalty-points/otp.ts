import { createHash, randomInt, timingSafeEqual } from "crypto"
import { MedusaError } from "@medusajs/framework/utils"
import {
  IssuedRedemptionOtp,
  IssueRedemptionOtpInput,
  RedemptionOtpCheck,
  VerifyRedemptionOtpInput,
} from "../../types"
import { LedgerDb, lockAccount } from "./ledger/db"
import { assertPositiveInteger, newId } from "./ledger/rows"

/** One-time codes a shopper gives back before spending many points on a cart. */

const OTP_TTL_MS = 10 * 60 * 1000
const OTP_MAX_ATTEMPTS = 5
const DAY_MS = 24 * 60 * 60 * 1000

/** The machine-readable code of the refusal (HTTP 429) once an account was sent its codes for the hour. */
export const OTP_RATE_LIMITED = "otp_rate_limited"

const SQL = {
  supersedeOtps: `
    UPDATE loyalty_points_otp SET consumed_at = now(), updated_at = now()
    WHERE account_id = ? AND cart_id = ? AND consumed_at IS NULL`,
  insertOtp: `
    INSERT INTO loyalty_points_otp (id, account_id, cart_id, points, code_hash, expires_at, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, clock_timestamp(), clock_timestamp())`,
  selectLatestOtp: `
    SELECT * FROM loyalty_points_otp
    WHERE account_id = ? AND cart_id = ? AND consumed_at IS NULL AND deleted_at IS NULL
    ORDER BY created_at DESC, id DESC LIMIT 1 FOR UPDATE`,
  countOtpAttempt: `UPDATE loyalty_points_otp SET attempts = attempts + 1, updated_at = now() WHERE id = ?`,
  consumeOtp: `UPDATE loyalty_points_otp SET consumed_at = now(), updated_at = now() WHERE id = ?`,
  countRecentOtps: `
    SELECT COUNT(*) AS codes FROM loyalty_points_otp
    WHERE account_id = ? AND created_at > clock_timestamp() - interval '1 hour' AND deleted_at IS NULL`,
  /**
   * What the account spent or is about to spend: points redeemed in the last 24 hours
   * (carts and vouchers, net of what came back) and points held on other carts.
   */
  recentRedemption: `
    SELECT
      (SELECT COALESCE(SUM(-e.balance_change), 0) - COALESCE(SUM((
         SELECT COALESCE(SUM(r.balance_change), 0) FROM loyalty_points_entry r
         WHERE r.reversal_of_id = e.id AND r.deleted_at IS NULL)), 0)
       FROM loyalty_points_entry e
       WHERE e.account_id = :account_id AND e.type = 'redeem' AND e.deleted_at IS NULL
         AND e.created_at > now() - interval '24 hours') AS redeemed,
      (SELECT COALESCE(SUM(h.points), 0) FROM loyalty_points_hold h
       WHERE h.account_id = :account_id AND h.status = 'active' AND h.deleted_at IS NULL
         AND h.cart_id IS DISTINCT FROM CAST(:cart_id AS text)) AS held`,
  /** The codes among `ids` nobody can use any more: used, replaced, expired or locked out. */
  deadOtps: `
    SELECT id FROM loyalty_points_otp
    WHERE id = ANY(CAST(:ids AS text[])) AND (consumed_at IS NOT NULL OR expires_at <= now() OR attempts >= ${OTP_MAX_ATTEMPTS})`,
  lockAccountMetadata: `SELECT metadata FROM loyalty_points_account WHERE id = ? FOR UPDATE`,
  updateAccountMetadata: `UPDATE loyalty_points_account SET metadata = ?::jsonb, updated_at = now() WHERE id = ?`,
}

type OtpRow = { id: string; points: number; code_hash: string; attempts: number; expires_at: Date }

/** The code salted with its row id, so equal codes never share a hash. */
function hashOtp(id: string, code: string) {
  return createHash("sha256").update(`${id}:${code}`).digest("hex")
}

/**
 * Issues a 6-digit code for spending `points` on a cart (or on vouchers: `cart_id`
 * `vouchers`), replacing any earlier unused code of that cart. At most
 * `otp.max_codes_per_hour` codes per account per hour (then `otp_rate_limited`, 429).
 * Keeps only a salted hash; the code lives 10 minutes.
 */
export async function issueRedemptionOtp(db: LedgerDb, input: IssueRedemptionOtpInput): Promise<IssuedRedemptionOtp> {
  assertPositiveInteger(input.points, "points")
  const account = await lockAccount(db, input.account_id)
  const perHour = db.options.otp.max_codes_per_hour
  const sent = Number((await db.first<{ codes: string | number }>(SQL.countRecentOtps, [account.id]))!.codes)
  if (sent >= perHour) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `${perHour} one-time codes were sent to this account in the last hour: try again later`,
      OTP_RATE_LIMITED
    )
  }
  await db.rows(SQL.supersedeOtps, [account.id, input.cart_id])
  const id = newId("lpotp")
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0")
  const expiresAt = new Date(Date.now() + OTP_TTL_MS)
  await db.rows(SQL.insertOtp, [id, account.id, input.cart_id, input.points, hashOtp(id, code), expiresAt])
  return { id, code, expires_at: expiresAt }
}

/**
 * Checks a code: a wrong one counts an attempt (kept even though the redemption is
 * refused); the fifth wrong attempt, an expired code or a code for other points all
 * refuse; a right code is used up. Answers why rather than throwing, so the attempt
 * is recorded.
 */
export async function verifyRedemptionOtp(db: LedgerDb, input: VerifyRedemptionOtpInput): Promise<RedemptionOtpCheck> {
  const account = await lockAccount(db, input.account_id)
  const otp = await db.first<OtpRow>(SQL.selectLatestOtp, [account.id, input.cart_id])
  if (!otp) {
    return { ok: false, message: "No one-time code was requested for this cart: send the request without otp to get one" }
  }
  if (otp.attempts >= OTP_MAX_ATTEMPTS) {
    return { ok: false, message: "Too many wrong attempts: send the request without otp to get a new code" }
  }
  if (new Date(otp.expires_at) <= new Date()) {
    return { ok: false, message: "The one-time code has expired: send the request without otp to get a new code" }
  }
  if (otp.points !== input.points) {
    return { ok: false, message: `The one-time code was issued for ${otp.points} points, not ${input.points}` }
  }
  const expected = Buffer.from(otp.code_hash, "hex")
  const given = Buffer.from(hashOtp(otp.id, String(input.code ?? "")), "hex")
  if (!timingSafeEqual(expected, given)) {
    const attempts = otp.attempts + 1
    await db.rows(SQL.countOtpAttempt, [otp.id])
    const left = OTP_MAX_ATTEMPTS - attempts
    return {
      ok: false,
      message: left > 0 ? `Wrong one-time code: ${left} attempts left` : "Too many wrong attempts: send the request without otp to get a new code",
    }
  }
  await db.rows(SQL.consumeOtp, [otp.id])
  return { ok: true, message: null }
}

/**
 * The points that count toward the one-time-code threshold besides the request's own:
 * redeemed in the last 24 hours across carts and vouchers (net of what came back) and
 * held on the account's other carts, so splitting a spend does not avoid the code.
 */
export async function recentRedemptionPoints(db: LedgerDb, input: { account_id: string; cart_id?: string | null }) {
  const row = await db.first<{ redeemed: string | number; held: string | number }>(SQL.recentRedemption, {
    account_id: input.account_id,
    cart_id: input.cart_id ?? null,
  })
  return Math.max(Number(row!.redeemed), 0) + Math.max(Number(row!.held), 0)
}

/** Of the given codes, those nobody can use any more (used, replaced, expired, locked out). */
export async function deadRedemptionOtps(db: LedgerDb, ids: string[]): Promise<string[]> {
  if (!ids.length) {
    return []
  }
  return (await db.rows<{ id: string }>(SQL.deadOtps, { ids })).map((row) => row.id)
}

/**
 * Since when the account's phone number has been `phone`, as the plugin has seen it:
 * a number seen for the first time (or changed) starts now. Kept in the account's
 * `metadata.otp_phone`, under the account lock.
 */
export async function phoneSeenSince(db: LedgerDb, input: { account_id: string; phone: string }): Promise<Date> {
  await lockAccount(db, input.account_id)
  const row = await db.first<{ metadata: Record<string, unknown> | null }>(SQL.lockAccountMetadata, [input.account_id])
  const metadata = row?.metadata ?? {}
  const known = metadata.otp_phone as { phone?: string; seen_at?: string } | undefined
  if (known?.phone === input.phone && known.seen_at) {
    return new Date(known.seen_at)
  }
  const now = new Date()
  await db.rows(SQL.updateAccountMetadata, [
    JSON.stringify({ ...metadata, otp_phone: { phone: input.phone, seen_at: now.toISOString() } }),
    input.account_id,
  ])
  return now
}

/** Whether a phone seen since `since` may receive codes: unchanged for 24 hours. */
export function phoneIsSettled(since: Date, now = new Date()) {
  return now.getTime() - since.getTime() >= DAY_MS
}
