import { createHash, randomInt, timingSafeEqual } from "crypto"
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
}

type OtpRow = { id: string; points: number; code_hash: string; attempts: number; expires_at: Date }

/** The code salted with its row id, so equal codes never share a hash. */
function hashOtp(id: string, code: string) {
  return createHash("sha256").update(`${id}:${code}`).digest("hex")
}

/**
 * Issues a 6-digit code for spending `points` on a cart, replacing any earlier unused
 * code of that cart. Keeps only a salted hash; the code lives 10 minutes.
 */
export async function issueRedemptionOtp(db: LedgerDb, input: IssueRedemptionOtpInput): Promise<IssuedRedemptionOtp> {
  assertPositiveInteger(input.points, "points")
  const account = await lockAccount(db, input.account_id)
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
