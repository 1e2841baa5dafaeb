import { CreditPointsInput, DebitPointsInput, EntryType, LedgerResult } from "../../../types"
import { lastSeenDefaultProgramSettings } from "../programs"
import { LedgerDb, lockAccountStatement } from "./db"
import { EntryEffect, entryResult, entryStatement, LedgerStatement } from "./entries"
import { ACTIVITY_TYPES, lotExpiry } from "./expiry-policy"
import { AccountRow } from "./rows"

/**
 * Credits and debits made outside any caller's transaction, in one round trip: the
 * account lock and the entry's write statement reach PostgreSQL as one message, one
 * transaction (LedgerDb.commitInOneTrip), so the account row stays locked only while
 * PostgreSQL works, never across a round trip to Node, and a write costs Node one
 * query instead of three.
 *
 * The checks the full path (points.ts) makes in Node on the locked row are conditions
 * of the write statement here (entries.ts, EntryConditions): the points available, the
 * pending points a credit moves, and the programme's saved settings the expiry and the
 * money value were computed from. When one does not hold, or the idempotency key was
 * used, the statement writes nothing, the transaction commits empty and the caller
 * takes the full path, which decides between a replay, a refusal and a write. Both
 * paths run the same write statement.
 *
 * When the connection has lost the statements prepared for it (a pooler in transaction
 * mode, `DISCARD ALL`), nothing is written and the caller takes the full path too.
 *
 * Not taken: inside a caller's transaction, before a lock has shown the default
 * programme's settings in this process, and under the `inactivity` expiry policy
 * (whose earns and redeems also move the account's open lots).
 */

/** A credit in one round trip; null when the full path must decide. */
export async function creditInOneTrip(
  db: LedgerDb,
  input: CreditPointsInput & { type: EntryType; from_pending: number },
  explicitExpiry: Date | null | undefined
): Promise<LedgerResult | null> {
  const program = programForOneTrip(db, input.type)
  if (!program || input.from_pending > input.points) {
    return null
  }
  const effect: EntryEffect = {
    kind: "credit",
    expires_at: explicitExpiry !== undefined ? explicitExpiry : lotExpiry(program.settings),
  }
  const statement = entryStatement(
    { id: input.account_id, program_id: program.program_id },
    { ...input, balance_change: input.points, pending_change: -input.from_pending },
    effect,
    program.settings,
    { min_pending: input.from_pending || null, program_settings: program }
  )
  return await commitWithLock(db, input.account_id, statement, effect)
}

/** A debit in one round trip; null when the full path must decide. */
export async function debitInOneTrip(
  db: LedgerDb,
  input: DebitPointsInput & { type: EntryType }
): Promise<LedgerResult | null> {
  const program = programForOneTrip(db, input.type)
  if (!program) {
    return null
  }
  const effect: EntryEffect = { kind: "debit", held: 0 }
  const statement = entryStatement(
    { id: input.account_id, program_id: program.program_id },
    { ...input, points: -input.points, balance_change: -input.points, pending_change: 0 },
    effect,
    program.settings,
    { min_available: input.allow_debt ? null : input.points, program_settings: program }
  )
  return await commitWithLock(db, input.account_id, statement, effect)
}

/** The programme a one-trip write assumes, when it can be taken. */
function programForOneTrip(db: LedgerDb, type: EntryType) {
  if (!db.canCommitInOneTrip) {
    return undefined
  }
  const program = lastSeenDefaultProgramSettings(db.options)
  if (!program || (program.settings.expiry.policy === "inactivity" && ACTIVITY_TYPES.includes(type))) {
    return undefined
  }
  return program
}

async function commitWithLock(
  db: LedgerDb,
  accountId: string,
  statement: LedgerStatement,
  effect: EntryEffect
): Promise<LedgerResult | null> {
  const results = await db.commitInOneTrip([lockAccountStatement(accountId), statement])
  if (!results) {
    return null
  }
  const [locked, written] = results
  const account = locked[0] as AccountRow | undefined
  if (!account) {
    return null
  }
  return entryResult(written, effect, account)
}
