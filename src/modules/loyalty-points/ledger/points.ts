import { MedusaError } from "@medusajs/framework/utils"
import {
  CREDIT_TYPES,
  CreditPointsInput,
  DEBIT_TYPES,
  DebitPointsInput,
  EntryType,
  LedgerResult,
  PendingPointsInput,
  ProgramSettings,
} from "../../../types"
import { accountSettings } from "../programs"
import { LedgerDb, lockAccount } from "./db"
import { lotExpiry, recordActivity } from "./expiry-policy"
import { findEntryByKey, replay, replayAfterConflict, writeEntry, writeNewEntry } from "./entries"
import { creditInOneTrip, debitInOneTrip } from "./one-trip"
import {
  assertDate,
  assertIdempotencyKey,
  assertNonNegativeInteger,
  assertPositiveInteger,
  invalid,
  keyReused,
  LockedAccountRow,
  notEnoughPoints,
  toAccountDTO,
  toEntryDTO,
} from "./rows"

/** Credits, debits and pending points: the changes every other part is made of. */

/**
 * Adds spendable points and opens a lot with its expiry (`expires_at`, or the
 * programme's policy when omitted; `null` never expires). A negative balance is paid
 * first and the lot holds only the rest.
 */
export async function creditPoints(db: LedgerDb, input: CreditPointsInput): Promise<LedgerResult> {
  const type = input.type ?? "earn"
  if (!(CREDIT_TYPES as readonly string[]).includes(type)) {
    throw invalid(`type must be one of ${CREDIT_TYPES.join(", ")}`)
  }
  assertPositiveInteger(input.points, "points")
  assertIdempotencyKey(input.idempotency_key)
  const fromPending = input.from_pending ?? 0
  assertNonNegativeInteger(fromPending, "from_pending")
  const explicitExpiry = input.expires_at === undefined ? undefined : assertDate(input.expires_at, "expires_at")

  const oneTrip = await creditInOneTrip(db, { ...input, type, from_pending: fromPending }, explicitExpiry)
  if (oneTrip) {
    return oneTrip
  }
  const account = await lockAccount(db, input.account_id)
  if (fromPending > account.pending) {
    // A repeated credit that moved pending points finds them gone: it is a replay.
    const replayed = await replay(db, input.idempotency_key, account, type, input.points)
    if (replayed) {
      return replayed
    }
  }
  const result = await credit(db, account, { ...input, type, from_pending: fromPending }, explicitExpiry)
  return result ?? (await replayAfterConflict(db, input.idempotency_key, account, type, input.points))
}

/**
 * Writes a credit on a locked account: the entry, a lot for the part that lifts the
 * balance above zero (the rest pays debt, see entries.ts), and the account's figures.
 * Null when the idempotency key was used.
 */
export async function credit(
  db: LedgerDb,
  account: LockedAccountRow,
  input: CreditPointsInput & { type: EntryType; from_pending: number },
  explicitExpiry: Date | null | undefined
): Promise<LedgerResult | null> {
  const fromPending = input.from_pending
  if (fromPending > input.points || fromPending > account.pending) {
    throw invalid(
      `from_pending (${fromPending}) exceeds the credit (${input.points}) or the account's pending points (${account.pending})`
    )
  }
  const settings = await accountSettings(db, account)
  const now = new Date()
  const expiresAt = explicitExpiry !== undefined ? explicitExpiry : lotExpiry(settings, now)
  const result = await writeEntry(
    db,
    account,
    { ...input, balance_change: input.points, pending_change: -fromPending },
    { kind: "credit", expires_at: expiresAt }
  )
  if (result) {
    await recordActivity(db, account.id, input.type, settings, now)
  }
  return result
}

/**
 * Takes spendable points, first-expiring lots first. Refuses (409) to take `available`
 * below zero unless `allow_debt` is set, in which case the balance may go negative, or
 * `up_to_available`, in which case it takes what is available (debitUpToAvailable).
 */
export async function debitPoints(db: LedgerDb, input: DebitPointsInput): Promise<LedgerResult> {
  const type = input.type ?? "adjust"
  if (!(DEBIT_TYPES as readonly string[]).includes(type)) {
    throw invalid(`type must be one of ${DEBIT_TYPES.join(", ")}`)
  }
  assertPositiveInteger(input.points, "points")
  assertIdempotencyKey(input.idempotency_key)
  if (input.up_to_available) {
    if (input.allow_debt) {
      throw invalid("up_to_available and allow_debt exclude each other: a debit either stops at the points available or goes below zero")
    }
    return await debitUpToAvailable(db, { ...input, type })
  }

  const oneTrip = await debitInOneTrip(db, { ...input, type })
  if (oneTrip) {
    return oneTrip
  }
  const account = await lockAccount(db, input.account_id)
  const available = account.balance - account.held
  if (!input.allow_debt && input.points > available) {
    // A repeated debit finds its points already gone: it is a replay, not a refusal.
    const replayed = await replay(db, input.idempotency_key, account, type, -input.points)
    if (replayed) {
      return replayed
    }
    throw notEnoughPoints(available, input.points)
  }
  const result = await debit(db, account, { ...input, type }, 0)
  return result ?? (await replayAfterConflict(db, input.idempotency_key, account, type, -input.points))
}

/**
 * A debit of at most the points available (balance less held, not below zero) when it
 * is written, decided under the account lock: a clawback of a bonus the shopper may be
 * spending at that moment takes what is there, once, instead of failing on a figure
 * read before the lock. The rest is recorded as `metadata.written_off` (the whole
 * debit when nothing is available: an entry of 0 points, so the debit is settled and
 * never taken again). A repeat with the same key answers the first entry, whatever is
 * available by then.
 */
async function debitUpToAvailable(db: LedgerDb, input: DebitPointsInput & { type: EntryType }): Promise<LedgerResult> {
  const account = await lockAccount(db, input.account_id)
  const existing = await findEntryByKey(db, input.idempotency_key)
  if (existing) {
    const requested = -existing.points + Number((existing.metadata as Record<string, unknown> | null)?.written_off ?? 0)
    if (existing.account_id !== account.id || existing.type !== input.type || requested !== input.points) {
      throw keyReused(input.idempotency_key)
    }
    return { entry: toEntryDTO(existing), account: toAccountDTO(account), replayed: true }
  }
  const taken = Math.min(input.points, Math.max(account.balance - account.held, 0))
  const metadata = { ...input.metadata, written_off: input.points - taken }
  const result =
    taken > 0
      ? await debit(db, account, { ...input, points: taken, metadata }, 0)
      : await writeEntry(db, account, { ...input, metadata, points: 0, balance_change: 0, pending_change: 0 }, { kind: "record" })
  if (!result) {
    // The key was free a moment ago under this account's lock: another account took it.
    throw keyReused(input.idempotency_key)
  }
  return result
}

/**
 * Writes a debit on a locked account: takes lots first-expiring-first (as far as the
 * balance is backed by lots), records the consumption, lowers the balance and
 * releases `releaseHeld` points of `held`. Null when the idempotency key was used.
 */
export async function debit(
  db: LedgerDb,
  account: LockedAccountRow,
  input: DebitPointsInput & { type: EntryType },
  releaseHeld: number
): Promise<LedgerResult | null> {
  const result = await writeEntry(
    db,
    account,
    { ...input, points: -input.points, balance_change: -input.points, pending_change: 0 },
    { kind: "debit", held: -releaseHeld }
  )
  if (result) {
    await recordActivity(db, account.id, input.type, await accountSettings(db, account))
  }
  return result
}

/**
 * Records points earned but not yet spendable (`earn_pending`, raising `pending`) or
 * cancels pending points (`earn_void`; 409 for more than the account has pending).
 */
export async function changePending(
  db: LedgerDb,
  input: PendingPointsInput,
  type: "earn_pending" | "earn_void"
): Promise<LedgerResult> {
  assertPositiveInteger(input.points, "points")
  assertIdempotencyKey(input.idempotency_key)
  const account = await lockAccount(db, input.account_id)
  const signed = type === "earn_pending" ? input.points : -input.points
  const replayed = await replay(db, input.idempotency_key, account, type, signed)
  if (replayed) {
    return replayed
  }
  if (type === "earn_void" && input.points > account.pending) {
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      `Cannot void ${input.points} pending points: the account has ${account.pending}`
    )
  }
  return await writeNewEntry(
    db,
    account,
    { ...input, type, points: signed, balance_change: 0, pending_change: signed },
    { kind: "figures" }
  )
}

/** When a lot credited now expires under the programme's policy; null: never. */
export function defaultExpiry(settings: ProgramSettings): Date | null {
  return lotExpiry(settings)
}
