import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { Context } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { LoyaltyPointsOptions } from "../../../types"
import { ACCOUNT_COLUMNS, accountNotFound, assertRequired, HoldRow, LockedAccountRow } from "./rows"

/** A value bound to a query: knex's, and arrays with nulls (pg sends them as SQL arrays). */
export type SqlValue = Knex.Value | (string | null)[]

export type SqlBindings = readonly SqlValue[] | Readonly<Record<string, SqlValue>>

/** knex's declared binding types leave out arrays with nulls, which pg binds as it binds any array. */
const asKnexBindings = (bindings: SqlBindings) => bindings as readonly Knex.RawBinding[] | Knex.ValueDict

/** The pg client knex holds for a connection, and the knex client handing it out. */
type PgConnection = {
  query<T>(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: T[] }>
  query<T>(text: string): Promise<{ rows: T[] } | { rows: T[] }[]>
  escapeLiteral(value: string): string
}
type KnexPgClient = {
  acquireConnection(): Promise<PgConnection>
  releaseConnection(connection: PgConnection): Promise<unknown>
}

const compiled = new Map<string, { text: string; names: string[] | null }>()

/**
 * A knex SQL text with `$n` placeholders for pg: named bindings (`:name`, repeats share
 * one parameter) or positional ones (`?`). Computed once per text.
 */
export function compilePlaceholders(sql: string, named: boolean): { text: string; names: string[] | null } {
  const key = `${named ? "n" : "p"}${sql}`
  let found = compiled.get(key)
  if (!found) {
    if (named) {
      const names: string[] = []
      const text = sql.replace(/(?<![:\w]):([A-Za-z_]\w*)(?![:\w])/g, (_match, name: string) => {
        let index = names.indexOf(name)
        if (index < 0) {
          index = names.push(name) - 1
        }
        return `$${index + 1}`
      })
      found = { text, names }
    } else {
      let position = 0
      found = { text: sql.replace(/(?<!\?)\?(?!\?)/g, () => `$${++position}`), names: null }
    }
    compiled.set(key, found)
  }
  return found
}

/**
 * A knex SQL text and its bindings as pg takes them. Only for statements whose
 * bindings knex would not expand (no arrays inside `IN (?)`): pg binds an array as a
 * PostgreSQL array, as `= ANY(?)` wants it.
 */
function toPg(sql: string, bindings: SqlBindings): { text: string; values: unknown[] } {
  const { text, names } = compilePlaceholders(sql, !Array.isArray(bindings))
  const values = names
    ? names.map((key) => (bindings as Readonly<Record<string, SqlValue>>)[key] ?? null)
    : (bindings as readonly SqlValue[]).map((value) => value ?? null)
  return { text, values }
}

/** The statements each pooled connection has prepared with SQL `PREPARE` (commitInOneTrip). */
const preparedInSessions = new WeakMap<PgConnection, Set<string>>()

async function prepareInSession(connection: PgConnection, statements: { name: string; text: string }[]) {
  let prepared = preparedInSessions.get(connection)
  if (!prepared) {
    prepared = new Set()
    preparedInSessions.set(connection, prepared)
  }
  for (const { name, text } of statements) {
    if (prepared.has(name)) {
      continue
    }
    try {
      await connection.query(`PREPARE ${name} AS ${text}`)
    } catch (error) {
      if ((error as { code?: string }).code !== "42P05") {
        throw error // 42P05: already prepared on this session
      }
    }
    prepared.add(name)
  }
}

/** A bound value as an SQL literal of unknown type, which EXECUTE converts to its parameter's type. */
function sqlLiteral(connection: PgConnection, value: unknown): string {
  if (value === null || value === undefined) {
    return "NULL"
  }
  if (value instanceof Date) {
    return connection.escapeLiteral(value.toISOString())
  }
  if (typeof value === "string") {
    return connection.escapeLiteral(value)
  }
  if (typeof value === "number" || typeof value === "boolean") {
    return connection.escapeLiteral(String(value))
  }
  throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Cannot send ${typeof value} as a literal`)
}

/** How long a change waits for a row another change has locked before it gives up. */
export const LOCK_TIMEOUT = "15s"

const SQL = {
  setLockTimeout: `SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`,
  /**
   * Locks the account row, with the wait bounded: set_config() in the materialised CTE
   * runs before the row is locked, since the locking node only receives rows once the
   * join below it (the CTE included) has produced them. One round trip instead of
   * `SET LOCAL` + `SELECT ... FOR UPDATE`. Brings the programme's saved settings along
   * (program_found is null when the programme is gone), so a credit needs no second read.
   */
  lockAccount: `
    WITH lock_timeout AS MATERIALIZED (SELECT set_config('lock_timeout', '${LOCK_TIMEOUT}', true) AS value)
    SELECT a.id, a.program_id, a.customer_id, a.balance, a.pending, a.held, a.lifetime_earned,
      a.lifetime_redeemed, a.tier_id, a.referral_code, a.metadata, a.created_at, a.updated_at,
      p.id AS program_found, p.settings AS program_settings
    FROM lock_timeout, loyalty_points_account a
    LEFT JOIN loyalty_points_program p ON p.id = a.program_id AND p.deleted_at IS NULL
    WHERE a.id = ? AND a.deleted_at IS NULL
    FOR UPDATE OF a`,
  /**
   * Locks the account row as lockAccount does, without the programme: for a write sent
   * with its lock in one round trip, whose statement checks the programme itself.
   */
  lockAccountOnly: `
    WITH lock_timeout AS MATERIALIZED (SELECT set_config('lock_timeout', '${LOCK_TIMEOUT}', true) AS value)
    SELECT ${ACCOUNT_COLUMNS}
    FROM lock_timeout, loyalty_points_account a
    WHERE a.id = ? AND a.deleted_at IS NULL
    FOR UPDATE OF a`,
  selectHold: `SELECT * FROM loyalty_points_hold WHERE id = ? AND deleted_at IS NULL`,
}

/**
 * The ledger's handle on the database for one call: the transaction of the call (or
 * the connection pool, for reads outside one) and the module's options. Every part of
 * the ledger takes one.
 */
export class LedgerDb {
  constructor(
    readonly knex: Knex,
    readonly options: LoyaltyPointsOptions,
    /** Set by `inOwnTransaction`: the pg connection holding the transaction. */
    private readonly connection_: PgConnection | null = null
  ) {}

  /**
   * Runs `work` in a transaction of its own on one pooled pg connection: `BEGIN`, the
   * work's statements straight to pg, `COMMIT` (`ROLLBACK` when it throws). For the
   * module's hot writes when no caller's transaction is given: the same statements and
   * row locks as a transaction through the ORM, without its per-call Node work.
   */
  static async inOwnTransaction<T>(
    knex: Knex,
    options: LoyaltyPointsOptions,
    work: (db: LedgerDb) => Promise<T>
  ): Promise<T> {
    const client = knex.client as KnexPgClient
    const connection = await client.acquireConnection()
    try {
      const db = new LedgerDb(knex, options, connection)
      let result: T
      try {
        result = await work(db)
      } catch (error) {
        if (db.begun_) {
          await connection.query({ text: "ROLLBACK" }).catch(() => undefined)
        }
        throw error
      }
      if (db.begun_) {
        // Nothing open when the work sent nothing, or committed in one trip (commitInOneTrip).
        await connection.query({ text: "COMMIT" })
      }
      return result
    } finally {
      await client.releaseConnection(connection)
    }
  }

  /** Whether `BEGIN` went out (it rides with the transaction's first statement: one round trip less). */
  private begun_ = false

  /** Sends `BEGIN` alone, when no statement took it along. */
  private async begin_() {
    if (this.connection_ && !this.begun_) {
      this.begun_ = true
      await this.connection_.query({ text: "BEGIN" })
    }
  }

  /**
   * The own transaction's first statement, sent with its `BEGIN` as one simple query
   * (its values written as literals, which only strings, numbers and nulls allow);
   * otherwise `BEGIN` goes first on its own.
   */
  private async firstStatement_<T>(text: string, values: unknown[]): Promise<T[] | null> {
    const connection = this.connection_!
    if (this.begun_) {
      return null
    }
    const literals = values.every((value) => value === null || typeof value === "string" || typeof value === "number")
    if (!literals || text.includes("'$") || text.includes(";")) {
      await this.begin_()
      return null
    }
    const inline = text.replace(/\$(\d+)/g, (_match, index: string) => {
      const value = values[Number(index) - 1]
      return value === null ? "NULL" : typeof value === "number" ? String(value) : connection.escapeLiteral(value as string)
    })
    this.begun_ = true
    const results = await connection.query<T>(`BEGIN; ${inline}`)
    return Array.isArray(results) ? results[results.length - 1].rows : results.rows
  }

  /**
   * Whether `commitInOneTrip` can be used: in an own transaction (`inOwnTransaction`)
   * with nothing sent yet.
   */
  get canCommitInOneTrip(): boolean {
    return Boolean(this.connection_) && !this.begun_ && Boolean(this.options.prepared_statements)
  }

  /**
   * A whole transaction in one round trip: `EXECUTE ...; EXECUTE ...` as one simple
   * query, which PostgreSQL runs as one transaction (an implicit block: committed after
   * its last statement, rolled back whole when one fails, so no `BEGIN`/`COMMIT` need
   * travel). Each statement is prepared on the connection once with SQL `PREPARE` (so
   * PostgreSQL parses and plans it once, as a named protocol-level statement, which a
   * simple query cannot use), its values sent as literals. Each statement runs with a
   * snapshot of its own, so one that follows a row lock reads what the lock's previous
   * holder committed. Answers the rows of each statement; throws what failed, nothing
   * written. Afterwards nothing is open: the next statement begins a new transaction.
   *
   * Answers null, nothing written, when the session no longer has a statement it was
   * sent `PREPARE` for: a pooler in transaction mode (PgBouncer, Supavisor) may run the
   * `EXECUTE`s on another server connection than the `PREPARE` (PgBouncer 1.21+ tracks
   * protocol-level prepared statements, not SQL ones), and `DISCARD ALL` drops them.
   * The caller then takes the locking path; the statements are prepared again next time.
   */
  async commitInOneTrip(statements: { name: string; sql: string; bindings: SqlBindings }[]): Promise<unknown[][] | null> {
    if (!this.canCommitInOneTrip) {
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "commitInOneTrip needs an own transaction with nothing sent")
    }
    const connection = this.connection_!
    const compiled = statements.map(({ name, sql, bindings }) => ({ name: `loyalty_points_trip_${name}`, ...toPg(sql, bindings) }))
    await prepareInSession(connection, compiled)
    const executes = compiled.map(
      ({ name, values }) => `EXECUTE ${name}(${values.map((value) => sqlLiteral(connection, value)).join(", ")})`
    )
    try {
      const results = await connection.query<unknown>(executes.join("; "))
      return (Array.isArray(results) ? results : [results]).map((result) => result.rows)
    } catch (error) {
      if ((error as { code?: string }).code === "26000") {
        // The implicit transaction rolled back whole: nothing was written.
        preparedInSessions.delete(connection)
        return null
      }
      throw error
    }
  }

  /** The transaction (or manager) a decorated service method received. */
  static of(sharedContext: Context, options: LoyaltyPointsOptions): LedgerDb {
    const manager = (sharedContext.transactionManager ?? sharedContext.manager) as SqlEntityManager
    return new LedgerDb(manager.getTransactionContext<Knex.Transaction>() ?? manager.getKnex(), options)
  }

  get inTransaction(): boolean {
    return Boolean(this.connection_) || Boolean(this.knex.isTransaction)
  }

  async rows<T>(sql: string, bindings?: SqlBindings): Promise<T[]> {
    if (this.connection_) {
      const { text, values } = toPg(sql, bindings ?? [])
      const first = await this.firstStatement_<T>(text, values)
      return first ?? (await this.connection_.query<T>({ text, values })).rows
    }
    const result = await (bindings === undefined ? this.knex.raw(sql) : this.knex.raw(sql, asKnexBindings(bindings)))
    return (result as { rows: T[] }).rows
  }

  async first<T>(sql: string, bindings?: SqlBindings): Promise<T | undefined> {
    return (await this.rows<T>(sql, bindings))[0]
  }

  /**
   * Runs a hot-path query as a named prepared statement: pg parses it once per pooled
   * connection and PostgreSQL reuses its plan, which for these statements costs more
   * than executing them. The SQL behind a name must never vary (no array bindings that
   * knex expands) and must list its result columns (no `*` on a table), or a migration
   * adding a column would fail the cached plan. Off with the `prepared_statements`
   * option (PgBouncer in transaction mode before 1.21 cannot keep them).
   *
   * The statement goes straight to the connection's pg client (the transaction's, or
   * one from knex's pool): its knex placeholders are turned into `$n` once per SQL text,
   * so a write costs no query building in Node, only the round trip.
   */
  async preparedRows<T>(name: string, sql: string, bindings: SqlBindings): Promise<T[]> {
    if (!this.options.prepared_statements) {
      return await this.rows<T>(sql, bindings)
    }
    const { text, values } = toPg(sql, bindings)
    if (this.connection_) {
      const first = await this.firstStatement_<T>(text, values)
      return first ?? (await this.connection_.query<T>({ name: `loyalty_points_${name}`, text, values })).rows
    }
    const client = this.knex.client as KnexPgClient
    const connection = await client.acquireConnection()
    try {
      const result = await connection.query<T>({ name: `loyalty_points_${name}`, text, values })
      return result.rows
    } finally {
      if (!this.inTransaction) {
        await client.releaseConnection(connection)
      }
    }
  }

  /** Bounds how long the rest of the transaction waits for a row lock. */
  async setLockTimeout() {
    await this.rows(SQL.setLockTimeout)
  }
}

/** The statement locking an account row, for commitInOneTrip. */
export function lockAccountStatement(accountId: string) {
  assertRequired(accountId, "account_id")
  return { name: "lock_account_only", sql: SQL.lockAccountOnly, bindings: [accountId] }
}

/** Locks the account row for the rest of the transaction; refuses outside one. */
export async function lockAccount(db: LedgerDb, accountId: string): Promise<LockedAccountRow> {
  assertRequired(accountId, "account_id")
  if (!db.inTransaction) {
    // Without a transaction the lock would end at once and two debits could overspend.
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "Loyalty accounts can only be locked inside a transaction")
  }
  const [account] = await db.preparedRows<LockedAccountRow>("lock_account", SQL.lockAccount, [accountId])
  if (!account) {
    throw accountNotFound(accountId)
  }
  return account
}

/** Locks a hold's account, then re-reads the hold under that lock. */
export async function lockHold(db: LedgerDb, holdId: string): Promise<{ hold: HoldRow; account: LockedAccountRow }> {
  assertRequired(holdId, "hold_id")
  const found = await db.first<HoldRow>(SQL.selectHold, [holdId])
  if (!found) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Loyalty points hold ${holdId} was not found`)
  }
  const account = await lockAccount(db, found.account_id)
  const hold = (await db.first<HoldRow>(SQL.selectHold, [holdId]))!
  return { hold, account }
}
