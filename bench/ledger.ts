/**
 * Ledger benchmark: `npm run bench:ledger` (see bench/README.md).
 *
 * Measures the loyalty points module service against the floor of the same work done
 * as plain SQL through `pg`, in one run, on one fresh database:
 *   1. writes: creditPoints / debitPoints per second, 1 and 4 concurrent callers
 *      (and 4 callers on one shared account), beside raw "lock account row, insert
 *      entry, update balance" transactions;
 *   2. balance read: retrieveAccountBalance on an account with 10 entries and one
 *      with 10,000 entries;
 *   3. expiry: expirePoints over 1,000,000 due lots spread over 100,000 accounts,
 *      time and Node's peak memory, beside one set-based SQL statement doing the
 *      same on the same data (reloaded).
 * Every section checks that the run it timed was correct before printing figures.
 *
 * Sizes: BENCH_SCALE (default 1) scales everything; each figure can also be set on
 * its own (env or `--name=value`): see readConfig().
 */
import fs from "fs"
import os from "os"
import path from "path"
import v8 from "v8"
import vm from "vm"
import { Client, Pool, PoolClient } from "pg"

/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS-only entry points, loaded as the test runner loads them */
const {
  ContainerRegistrationKeys,
  Modules,
  ModulesSdkUtils,
  generateEntityId,
  isSharedConnectionSymbol,
} = require("@medusajs/framework/utils")
const { MikroORM } = require("@medusajs/framework/mikro-orm/postgresql")
const { initModules, MockEventBusService, TestDatabaseUtils } = require("@medusajs/test-utils")
/* eslint-enable @typescript-eslint/no-require-imports */

import type { ILoyaltyPointsModuleService } from "../src/types"
import { LOYALTY_POINTS_MODULE } from "../src/types/module"

const ROOT = path.resolve(__dirname, "..")
// BENCH_MODULE_PATH lets a patched copy of the module be measured the same way.
const MODULE_PATH = path.resolve(process.env.BENCH_MODULE_PATH || path.join(ROOT, "src/modules/loyalty-points"))
const MIGRATIONS_PATH = path.join(MODULE_PATH, "migrations")
const MODULE_OPTIONS = {
  program: {
    redemption_values: { usd: 0.01 },
    default_currency_code: "usd",
    expiry: { policy: "days_after_earn", days: 365 },
  },
}
const CREDIT_POINTS = 10
const DEBIT_POINTS = 7
/** Every write configuration, the hot account included, against the raw prepared floor. */
const TARGET_WRITE_RATIO = 0.85
const TARGET_READ_RATIO = 1.2
const TARGET_EXPIRY_RATIO = 3

/* ------------------------------------------------------------------ configuration */

type Config = {
  scale: number
  ops: number
  creditsPerAccount: number
  rounds: number
  slices: number
  reads: number
  smallEntries: number
  largeEntries: number
  expiryAccounts: number
  expiryLots: number
  expiryBatch?: number
  only: Set<string>
  dbName: string
  keepDb: boolean
  strict: boolean
}

function readConfig(): Config {
  const args = new Map<string, string>()
  for (const arg of process.argv.slice(2)) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg)
    if (!match) {
      throw new Error(`Unknown argument ${arg}; use --name=value (see bench/README.md)`)
    }
    args.set(match[1], match[2] ?? "true")
  }
  const raw = (name: string) => args.get(name) ?? process.env[`BENCH_${name.toUpperCase().replace(/-/g, "_")}`]
  const num = (name: string, fallback: number) => {
    const value = raw(name)
    if (value === undefined || value === "") {
      return fallback
    }
    const parsed = Number(value)
    if (!Number.isFinite(parsed) || parsed <= 0) {
      throw new Error(`${name} must be a positive number, got ${value}`)
    }
    return parsed
  }
  const scale = num("scale", 1)
  const scaled = (full: number, min: number) => Math.max(min, Math.round(full * scale))
  const expiryAccounts = Math.round(num("accounts", scaled(100_000, 100)))
  const batch = raw("batch")
  const only = (raw("only") ?? "writes,reads,expiry").split(",").map((part) => part.trim())
  for (const section of only) {
    if (!["writes", "reads", "expiry"].includes(section)) {
      throw new Error(`--only takes writes, reads and/or expiry, got ${section}`)
    }
  }
  const dbName = raw("db") ?? "loyalty_points_bench"
  if (!/^[a-z0-9_]*bench[a-z0-9_]*$/.test(dbName)) {
    // The database is dropped and created: refuse a name that could be a real one.
    throw new Error(`--db must be a lower-case name containing "bench", got ${dbName}`)
  }
  return {
    scale,
    ops: Math.round(num("ops", scaled(2_000, 40))),
    creditsPerAccount: Math.round(num("credits-per-account", 10)),
    rounds: Math.round(num("rounds", 3)),
    slices: Math.round(num("slices", 8)),
    reads: Math.round(num("reads", scaled(500, 50))),
    smallEntries: 10,
    largeEntries: Math.round(num("entries", scaled(10_000, 100))),
    expiryAccounts,
    expiryLots: Math.round(num("lots", scaled(1_000_000, 1_000))),
    expiryBatch: batch ? Math.round(num("batch", 1000)) : undefined,
    only: new Set(only),
    dbName,
    keepDb: raw("keep-db") === "true" || raw("keep-db") === "1",
    strict: raw("strict") === "true" || raw("strict") === "1",
  }
}

/** The server to use: DATABASE_URL (its database is only used to create ours) or DB_*. */
function serverUrl(database: string): string {
  let url: URL
  if (process.env.DATABASE_URL) {
    url = new URL(process.env.DATABASE_URL)
  } else if (process.env.DB_HOST) {
    const user = encodeURIComponent(process.env.DB_USERNAME || "postgres")
    const password = process.env.DB_PASSWORD ? `:${encodeURIComponent(process.env.DB_PASSWORD)}` : ""
    url = new URL(`postgres://${user}${password}@${process.env.DB_HOST}:${process.env.DB_PORT || "5432"}/postgres`)
  } else {
    throw new Error("No database: run through `npm run bench:ledger` (scripts/with-database.js) or set DATABASE_URL")
  }
  url.pathname = `/${database}`
  return url.toString()
}

/* ------------------------------------------------------------------ small helpers */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const now = () => Number(process.hrtime.bigint()) / 1e6 // ms

function quantile(sorted: number[], q: number) {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[index]
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

const fmtInt = (n: number) => Math.round(n).toLocaleString("en-US")
const fmt = (n: number, digits = 2) => n.toFixed(digits)
const mb = (bytes: number) => `${fmtInt(bytes / 1024 / 1024)} MB`
const verdict = (ok: boolean) => (ok ? "met" : "MISSED")

function table(headers: string[], rows: (string | number)[][]) {
  const cells = rows.map((row) => row.map(String))
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => (row[i] ?? "").length)))
  const line = (row: string[]) =>
    `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(" | ")} |`
  return [
    line(headers),
    `|${widths.map((w, i) => (i === 0 ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`,
    ...cells.map(line),
  ].join("\n")
}

/** Forces a full garbage collection, so peak memory is measured from a clean heap. */
const gc: () => void = (() => {
  v8.setFlagsFromString("--expose-gc")
  return vm.runInNewContext("gc")
})()

/**
 * Samples this process's resident set size until stopped. On Linux the kernel's own
 * high-water mark (VmHWM, reset through /proc/self/clear_refs) catches peaks between
 * samples; elsewhere the 10 ms samples are the figure.
 */
function trackPeakMemory() {
  const canResetHwm = (() => {
    try {
      fs.writeFileSync("/proc/self/clear_refs", "5")
      return true
    } catch {
      return false
    }
  })()
  const start = process.memoryUsage()
  let peakRss = start.rss
  let peakHeap = start.heapUsed
  const timer = setInterval(() => {
    const usage = process.memoryUsage()
    peakRss = Math.max(peakRss, usage.rss)
    peakHeap = Math.max(peakHeap, usage.heapUsed)
  }, 10)
  return {
    stop() {
      clearInterval(timer)
      const usage = process.memoryUsage()
      peakRss = Math.max(peakRss, usage.rss)
      peakHeap = Math.max(peakHeap, usage.heapUsed)
      if (canResetHwm) {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"))
        if (hwm) {
          peakRss = Math.max(peakRss, Number(hwm[1]) * 1024)
        }
      }
      return { startRss: start.rss, peakRss, startHeap: start.heapUsed, peakHeap }
    },
  }
}

async function inTransaction(pool: Pool, work: (client: PoolClient) => Promise<void>) {
  const client = await pool.connect()
  try {
    await client.query("BEGIN")
    await work(client)
    await client.query("COMMIT")
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

/* ------------------------------------------------------------------ database setup */

async function recreateDatabase(name: string) {
  const admin = new Client({ connectionString: serverUrl(adminDatabase(name)) })
  await admin.connect()
  try {
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    } catch {
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`)
    }
    await admin.query(`CREATE DATABASE "${name}"`)
  } finally {
    await admin.end()
  }
}

async function dropDatabase(name: string) {
  const admin = new Client({ connectionString: serverUrl(adminDatabase(name)) })
  await admin.connect()
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => admin.query(`DROP DATABASE IF EXISTS "${name}"`))
  } finally {
    await admin.end()
  }
}

/** The database to connect to while creating or dropping `benchDb`: DATABASE_URL's, else `postgres`. */
function adminDatabase(benchDb: string) {
  if (process.env.DATABASE_URL) {
    const name = decodeURIComponent(new URL(process.env.DATABASE_URL).pathname.slice(1))
    if (name && name !== benchDb) {
      return name
    }
  }
  return "postgres"
}

/** Applies the module's migrations folder with MikroORM's migrator, as Medusa's test runner does. */
async function runMigrations(clientUrl: string) {
  const orm = await MikroORM.init({
    ...TestDatabaseUtils.getMikroOrmConfig({
      mikroOrmEntities: [],
      pathToMigrations: MIGRATIONS_PATH,
      clientUrl,
      schema: "public",
    }),
    discovery: { warnWhenNoEntities: false },
  })
  try {
    const applied = await orm.getMigrator().up()
    return applied.map((m: { name: string }) => m.name)
  } finally {
    await orm.close(true)
  }
}

/** Boots the module standalone (as moduleIntegrationTestRunner does) and returns its service. */
async function bootModule(clientUrl: string, modulePath = MODULE_PATH) {
  const dbConfig = { clientUrl, schema: "public" }
  const connection = ModulesSdkUtils.createPgConnection(dbConfig)
  const quiet = { info() {}, warn() {}, debug() {}, log() {}, error: console.error, panic: console.error }
  const modulesConfig = {
    [LOYALTY_POINTS_MODULE]: {
      resolve: modulePath,
      options: { database: dbConfig, ...MODULE_OPTIONS, [isSharedConnectionSymbol]: true },
    },
  }
  const { medusaApp, shutdown } = await initModules({
    injectedDependencies: {
      [ContainerRegistrationKeys.PG_CONNECTION]: connection,
      [Modules.EVENT_BUS]: new MockEventBusService(),
      [ContainerRegistrationKeys.LOGGER]: quiet,
      [ContainerRegistrationKeys.CONFIG_MODULE]: { modules: modulesConfig },
    },
    modulesConfig,
    databaseConfig: dbConfig,
    preventConnectionDestroyWarning: true,
    cwd: ROOT,
  })
  const service = medusaApp.modules[LOYALTY_POINTS_MODULE] as ILoyaltyPointsModuleService
  return {
    service,
    async close() {
      await shutdown()
      await connection.destroy()
    },
  }
}

/* ------------------------------------------------------------------ writes */

type Op = "credit" | "debit"
type Runner = {
  label: string
  /** One caller: does `op` on `accountId` with a fresh idempotency key. */
  caller(): Promise<{ run(op: Op, accountId: string, key: string): Promise<void>; release(): void }>
}

function serviceRunner(service: ILoyaltyPointsModuleService): Runner {
  return {
    label: "service",
    async caller() {
      return {
        async run(op, accountId, key) {
          if (op === "credit") {
            await service.creditPoints({
              account_id: accountId,
              points: CREDIT_POINTS,
              type: "earn",
              idempotency_key: key,
              reason: "bench",
              order_id: `order_${key}`,
            })
          } else {
            await service.debitPoints({
              account_id: accountId,
              points: DEBIT_POINTS,
              type: "redeem",
              idempotency_key: key,
              reason: "bench",
            })
          }
        },
        release() {},
      }
    },
  }
}

const RAW_LOCK = `SELECT id, program_id, balance, held FROM loyalty_points_account
  WHERE id = $1 AND deleted_at IS NULL FOR UPDATE`
const RAW_ENTRY = `INSERT INTO loyalty_points_entry (id, account_id, program_id, type, points, balance_change,
    pending_change, actor_type, reason, order_id, idempotency_key, created_at, updated_at)
  VALUES ($1, $2, $3, $4, $5, $5, 0, 'system', 'bench', $6, $7, clock_timestamp(), clock_timestamp())`
const RAW_BALANCE = `UPDATE loyalty_points_account SET balance = balance + $1,
    lifetime_earned = lifetime_earned + $2, lifetime_redeemed = lifetime_redeemed + $3, updated_at = now()
  WHERE id = $4`

/**
 * The floor: each operation is BEGIN; lock the account row; insert the entry (the
 * same columns the service fills for it, so the same indexes are maintained); update
 * the balance; COMMIT — on a connection held by the caller, as plain parameterised
 * queries (`client.query(text, values)`), or with `prepared` as named prepared
 * statements, which PostgreSQL parses and plans once per connection.
 */
function rawRunner(pool: Pool, prepared: boolean): Runner {
  const statement = (name: string, text: string, values: unknown[]) =>
    prepared ? { name: `bench_${name}`, text, values } : { text, values }
  return {
    label: prepared ? "raw SQL, prepared" : "raw SQL",
    async caller() {
      const client: PoolClient = await pool.connect()
      return {
        async run(op, accountId, key) {
          const points = op === "credit" ? CREDIT_POINTS : -DEBIT_POINTS
          await client.query("BEGIN")
          try {
            const { rows } = await client.query(statement("lock", RAW_LOCK, [accountId]))
            const account = rows[0]
            if (!account) {
              throw new Error(`account ${accountId} not found`)
            }
            if (points < 0 && account.balance - account.held < -points) {
              throw new Error(`not enough points on ${accountId}`)
            }
            await client.query(
              statement("entry", RAW_ENTRY, [
                generateEntityId(undefined, "lpent"),
                accountId,
                account.program_id,
                op === "credit" ? "earn" : "redeem",
                points,
                op === "credit" ? `order_${key}` : null,
                key,
              ])
            )
            await client.query(
              statement("balance", RAW_BALANCE, [points, Math.max(points, 0), Math.max(-points, 0), accountId])
            )
            await client.query("COMMIT")
          } catch (error) {
            await client.query("ROLLBACK")
            throw error
          }
        },
        release() {
          client.release()
        },
      }
    },
  }
}

/**
 * Seconds of CPU every PostgreSQL process of this machine has used (backends, WAL
 * writer, checkpointer), from /proc; null when they cannot be read there (another
 * system, or a server on another host). Throughput swings from run to run with the
 * server's fsync and checkpoint timing; the CPU each operation costs PostgreSQL does
 * not, and says where a gap to the floor comes from.
 */
function postgresCpuSeconds(): number | null {
  const server = new URL(serverUrl("postgres")).hostname
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(server) || !fs.existsSync("/proc/self/stat")) {
    return null
  }
  let ticks = 0
  let found = false
  for (const pid of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) {
      continue
    }
    let stat: string
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8")
    } catch {
      continue // ended since the listing
    }
    if (stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")) !== "postgres") {
      continue
    }
    // After the command: state is field 3, utime and stime are fields 14 and 15, and
    // cutime and cstime (16, 17) what its ended children used: a backend or autovacuum
    // worker that exits during a measure leaves the sum, and its CPU reappears in the
    // postmaster's, which reaped it.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])
    found = true
  }
  // Linux counts in clock ticks of 1/100 s (USER_HZ) on every architecture Node runs on.
  return found ? ticks / 100 : null
}

type Measure = { perSecond: number; cpuMsPerOp: number; postgresCpuMsPerOp: number | null }

/**
 * One runner's callers for one measure (one kind of operation in one configuration),
 * kept across the slices the measure is run in: each caller goes round its own
 * accounts, and the time, this process's CPU and PostgreSQL's CPU are summed over the
 * slices only.
 */
type Session = {
  callers: Awaited<ReturnType<Runner["caller"]>>[]
  accounts: string[][]
  op: Op
  tag: string
  /** Operations each caller has done so far (its next index). */
  next: number[]
  done: number
  elapsedMs: number
  cpuMicros: number
  postgresSeconds: number | null
}

async function openSession(runner: Runner, op: Op, accounts: string[][], tag: string): Promise<Session> {
  const callers = await Promise.all(accounts.map(() => runner.caller()))
  return { callers, accounts, op, tag, next: callers.map(() => 0), done: 0, elapsedMs: 0, cpuMicros: 0, postgresSeconds: 0 }
}

/** `ops` more operations of the session, spread over its callers, measured. */
async function runSlice(session: Session, ops: number) {
  const { callers, accounts, op, tag } = session
  const perCaller = Math.ceil(ops / callers.length)
  const cpu = process.cpuUsage()
  const postgresBefore = postgresCpuSeconds()
  const started = now()
  let done = 0
  await Promise.all(
    callers.map(async (caller, c) => {
      const own = accounts[c]
      for (let i = 0; i < perCaller && c * perCaller + i < ops; i++) {
        const index = session.next[c]++
        await caller.run(op, own[index % own.length], `bench:${tag}:${op}:${c}:${index}`)
        done++
      }
    })
  )
  session.elapsedMs += now() - started
  const used = process.cpuUsage(cpu)
  session.cpuMicros += used.user + used.system
  const postgresAfter = postgresCpuSeconds()
  session.postgresSeconds =
    session.postgresSeconds === null || postgresBefore === null || postgresAfter === null
      ? null
      : session.postgresSeconds + (postgresAfter - postgresBefore)
  session.done += done
}

function closeSession(session: Session): Measure {
  session.callers.forEach((caller) => caller.release())
  return {
    perSecond: (session.done / session.elapsedMs) * 1000,
    cpuMsPerOp: session.cpuMicros / 1000 / session.done,
    postgresCpuMsPerOp: session.postgresSeconds === null ? null : (session.postgresSeconds * 1000) / session.done,
  }
}

/**
 * `ops` operations of one kind for each runner, each on its own accounts, run in
 * `slices` interleaved slices (runner A's slice, B's, C's, then A's next, the order
 * rotating from slice to slice), so that the machine's drift over the seconds a
 * measure lasts (CPU frequency and steal on a shared host, checkpoints, autovacuum)
 * falls on every runner alike rather than on whichever ran during it. Returns each
 * runner's measure: operations per second over its own slices' wall-clock time and
 * CPU time per operation.
 */
async function measureInterleaved(
  runners: Runner[],
  op: Op,
  accounts: string[][][],
  ops: number,
  slices: number,
  tags: string[]
): Promise<Measure[]> {
  const sessions = await Promise.all(runners.map((runner, ri) => openSession(runner, op, accounts[ri], tags[ri])))
  const count = Math.max(1, Math.min(slices, ops))
  for (let slice = 0; slice < count; slice++) {
    const size = Math.floor(((slice + 1) * ops) / count) - Math.floor((slice * ops) / count)
    for (let k = 0; k < sessions.length; k++) {
      await runSlice(sessions[(k + slice) % sessions.length], size)
    }
  }
  return sessions.map(closeSession)
}

/** `ops` operations of one kind by one runner, in one piece (warm-up). */
async function measureOps(runner: Runner, op: Op, accounts: string[][], ops: number, tag: string): Promise<Measure> {
  const session = await openSession(runner, op, accounts, tag)
  await runSlice(session, ops)
  return closeSession(session)
}

async function benchWrites(config: Config, service: ILoyaltyPointsModuleService, pool: Pool) {
  console.log(`\n[writes] ${fmtInt(config.ops)} credits then ${fmtInt(config.ops)} debits per configuration, ${config.rounds} round(s)`)
  const runners = [serviceRunner(service), rawRunner(pool, false), rawRunner(pool, true)]
  // Accounts are made in bulk, as retrieveOrCreateAccount would make them (same programme).
  const program = await service.retrieveDefaultProgram()
  let accountSeq = 0
  const newAccounts = async (callers: number, perCaller: number) => {
    const first = accountSeq + 1
    accountSeq += callers * perCaller
    const { rows } = await pool.query(
      `INSERT INTO loyalty_points_account (id, program_id, customer_id, created_at, updated_at)
       SELECT 'lpacc_bw' || lpad(CAST(g AS text), 8, '0'), $1, 'cus_bench_w' || g, now(), now()
       FROM generate_series(CAST($2 AS integer), CAST($3 AS integer)) g
       RETURNING id`,
      [program.id, first, accountSeq]
    )
    // Statistics as a store's would be: a bulk insert leaves the planner believing the
    // table is as small as when it last looked, and the prepared statements of both
    // sides (the service's and the raw floor's) would be planned on that.
    await pool.query("ANALYZE loyalty_points_account, loyalty_points_lot, loyalty_points_entry")
    const ids = rows.map((row) => row.id as string).sort()
    return Array.from({ length: callers }, (_, c) => ids.slice(c * perCaller, (c + 1) * perCaller))
  }

  const configs = [
    { label: "1 caller", callers: 1, shared: false },
    { label: "4 callers, own accounts", callers: 4, shared: false },
    { label: "4 callers, one shared account", callers: 4, shared: true },
  ]
  // One measure per round, per [config][runner][op].
  const results = configs.map(() => runners.map(() => ({ credit: [] as Measure[], debit: [] as Measure[] })))
  const serviceAccounts: string[] = []

  // Warm-up: JIT, prepared statements, connection pools.
  for (const runner of runners) {
    const warm = await newAccounts(4, 2)
    await measureOps(runner, "credit", warm, Math.max(50, config.ops / 10), `warm-${runner.label}`)
    await measureOps(runner, "debit", warm, Math.max(50, config.ops / 10), `warm-${runner.label}`)
    if (runner === runners[0]) {
      serviceAccounts.push(...warm.flat())
    }
  }

  for (let round = 0; round < config.rounds; round++) {
    for (const [ci, cfg] of configs.entries()) {
      // Rotate which side goes first so that none always meets the same cache state.
      const order = runners.map((_, i) => (i + round + ci) % runners.length)
      const accounts: string[][][] = []
      for (const ri of order) {
        if (cfg.shared) {
          const [[one]] = await newAccounts(1, 1)
          accounts[ri] = Array.from({ length: cfg.callers }, () => [one])
        } else {
          // Each account gets creditsPerAccount credits (so as many open lots) before the debits.
          accounts[ri] = await newAccounts(cfg.callers, Math.max(1, Math.round(config.ops / cfg.callers / config.creditsPerAccount)))
        }
      }
      serviceAccounts.push(...new Set(accounts[0].flat()))
      const ordered = order.map((ri) => runners[ri])
      const tags = order.map((ri) => `r${round}-c${ci}-k${ri}`)
      for (const op of ["credit", "debit"] as Op[]) {
        const measures = await measureInterleaved(ordered, op, order.map((ri) => accounts[ri]), config.ops, config.slices, tags)
        for (const [k, ri] of order.entries()) {
          const measure = measures[k]
          results[ci][ri][op].push(measure)
          console.log(
            `  round ${round + 1}, ${cfg.label}, ${runners[ri].label}, ${op}: ${fmtInt(measure.perSecond)} ops/s, ` +
              `Node CPU ${fmt(measure.cpuMsPerOp, 3)} ms/op` +
              (measure.postgresCpuMsPerOp === null ? "" : `, PostgreSQL CPU ${fmt(measure.postgresCpuMsPerOp, 3)} ms/op`)
          )
        }
      }
    }
  }

  // The service's accounts must reconcile (the raw side writes no lots, so it is not checked).
  const reconcile = await service.reconcile({ account_ids: serviceAccounts })
  if (reconcile.variances.length) {
    throw new Error(`writes: reconcile found ${reconcile.variances.length} variance(s): ${JSON.stringify(reconcile.variances.slice(0, 3))}`)
  }
  const counts = await pool.query(
    `SELECT type, COUNT(*) AS n FROM loyalty_points_entry WHERE idempotency_key LIKE 'bench:r%' GROUP BY type ORDER BY type`
  )
  const expectedPerType = config.ops * configs.length * runners.length * config.rounds
  for (const type of ["earn", "redeem"]) {
    const found = Number(counts.rows.find((row) => row.type === type)?.n ?? 0)
    if (found !== expectedPerType) {
      throw new Error(`writes: expected ${expectedPerType} ${type} entries, found ${found}`)
    }
  }

  const rows: (string | number)[][] = []
  const verdicts: boolean[] = []
  const med = (list: Measure[], field: "perSecond" | "cpuMsPerOp") => median(list.map((m) => m[field]))
  const postgresCpu = (list: Measure[]) =>
    list.some((m) => m.postgresCpuMsPerOp === null) ? "n/a" : fmt(median(list.map((m) => m.postgresCpuMsPerOp as number)), 2)
  for (const [ci, cfg] of configs.entries()) {
    for (const op of ["credit", "debit"] as Op[]) {
      const [svc, raw, prep] = results[ci].map((r) => r[op])
      const prepared = med(svc, "perSecond") / med(prep, "perSecond")
      verdicts.push(prepared >= TARGET_WRITE_RATIO)
      rows.push([
        `${op}, ${cfg.label}`,
        fmtInt(med(svc, "perSecond")),
        fmtInt(med(raw, "perSecond")),
        fmt(med(svc, "perSecond") / med(raw, "perSecond")),
        fmtInt(med(prep, "perSecond")),
        fmt(prepared),
        verdict(prepared >= TARGET_WRITE_RATIO),
        `${fmt(med(svc, "cpuMsPerOp"), 2)} / ${fmt(med(raw, "cpuMsPerOp"), 2)} / ${fmt(med(prep, "cpuMsPerOp"), 2)}`,
        `${postgresCpu(svc)} / ${postgresCpu(raw)} / ${postgresCpu(prep)}`,
      ])
    }
  }
  return {
    text: table(
      [
        "Operation",
        "Service ops/s",
        "Raw SQL ops/s",
        "Service / raw",
        "Raw prepared ops/s",
        "Service / prepared",
        `Target >= ${TARGET_WRITE_RATIO}`,
        "Node CPU ms/op (service / raw / prepared)",
        "PostgreSQL CPU ms/op (service / raw / prepared)",
      ],
      rows
    ),
    met: verdicts.every(Boolean),
    note:
      `Raw SQL: BEGIN; SELECT ... FOR UPDATE; INSERT entry; UPDATE balance; COMMIT as plain parameterised pg queries; ` +
      `"prepared": the same as named prepared statements, the floor the target is measured against (every configuration).\n` +
      `PostgreSQL CPU: what every PostgreSQL process of this machine used during the measure, per operation (n/a for a server on another host).\n` +
      `Checked: ${fmtInt(expectedPerType)} earn and ${fmtInt(expectedPerType)} redeem entries written as expected; ` +
      `reconcile() over the service's ${fmtInt(reconcile.accounts_checked)} accounts: no variance.`,
  }
}

/* ------------------------------------------------------------------ balance reads */

async function benchReads(config: Config, service: ILoyaltyPointsModuleService, pool: Pool) {
  console.log(`\n[reads] ${fmtInt(config.reads)} balance reads per account`)
  const small = await service.retrieveOrCreateAccount("cus_bench_read_small")
  for (let i = 0; i < config.smallEntries; i++) {
    await service.creditPoints({ account_id: small.id, points: CREDIT_POINTS, type: "earn", idempotency_key: `bench:read:small:${i}`, reason: "bench" })
  }
  const large = await service.retrieveOrCreateAccount("cus_bench_read_large")
  const n = config.largeEntries
  // Set-based: n earn entries of 1 point, each with its lot, and the account's figures to match.
  await inTransaction(pool, async (client) => {
    await client.query(
      `INSERT INTO loyalty_points_entry (id, account_id, program_id, type, points, balance_change, pending_change,
         actor_type, reason, idempotency_key, created_at, updated_at)
       SELECT 'lpent_benchread' || lpad(CAST(g AS text), 8, '0'), a.id, a.program_id, 'earn', 1, 1, 0,
         'system', 'bench', 'bench:read:large:' || g, now() - make_interval(secs => $2 - g), now()
       FROM loyalty_points_account a, generate_series(1, $2) g WHERE a.id = $1`,
      [large.id, n]
    )
    await client.query(
      `INSERT INTO loyalty_points_lot (id, account_id, entry_id, points, remaining, expires_at, created_at, updated_at)
       SELECT 'lplot_benchread' || lpad(CAST(g AS text), 8, '0'), $1, 'lpent_benchread' || lpad(CAST(g AS text), 8, '0'),
         1, 1, now() + interval '365 days', now(), now()
       FROM generate_series(1, $2) g`,
      [large.id, n]
    )
    await client.query(
      `UPDATE loyalty_points_account SET balance = balance + $2, lifetime_earned = lifetime_earned + $2 WHERE id = $1`,
      [large.id, n]
    )
  })
  await pool.query("VACUUM ANALYZE loyalty_points_entry, loyalty_points_lot, loyalty_points_account")
  const counts = await pool.query(
    `SELECT account_id, COUNT(*) AS n FROM loyalty_points_entry WHERE account_id = ANY($1) GROUP BY account_id`,
    [[small.id, large.id]]
  )
  const entriesOf = (id: string) => Number(counts.rows.find((r) => r.account_id === id)?.n ?? 0)
  if (entriesOf(small.id) !== config.smallEntries || entriesOf(large.id) !== n) {
    throw new Error(`reads: expected ${config.smallEntries} and ${n} entries, found ${entriesOf(small.id)} and ${entriesOf(large.id)}`)
  }
  const reconcile = await service.reconcile({ account_ids: [small.id, large.id] })
  if (reconcile.variances.length) {
    throw new Error(`reads: reconcile found variances: ${JSON.stringify(reconcile.variances)}`)
  }

  const accounts = [
    { label: `${fmtInt(config.smallEntries)} entries`, id: small.id, balance: config.smallEntries * CREDIT_POINTS, times: [] as number[] },
    { label: `${fmtInt(n)} entries`, id: large.id, balance: n, times: [] as number[] },
  ]
  for (let i = 0; i < Math.max(20, config.reads / 10); i++) {
    for (const account of accounts) {
      await service.retrieveAccountBalance(account.id)
    }
  }
  // Interleaved, alternating which goes first, so drift on a shared machine hits both alike.
  for (let i = 0; i < config.reads; i++) {
    const order = i % 2 ? [accounts[1], accounts[0]] : accounts
    for (const account of order) {
      const started = now()
      const result = await service.retrieveAccountBalance(account.id)
      account.times.push(now() - started)
      if (result.balance !== account.balance) {
        throw new Error(`reads: ${account.label} balance ${result.balance}, expected ${account.balance}`)
      }
    }
  }
  const stats = accounts.map((account) => {
    const sorted = [...account.times].sort((a, b) => a - b)
    return { ...account, median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), mean: sorted.reduce((s, t) => s + t, 0) / sorted.length }
  })
  const ratio = stats[1].median / stats[0].median
  const p95Ratio = stats[1].p95 / stats[0].p95
  return {
    text: table(
      ["Account", "Median ms", "p95 ms", "Mean ms", "Reads"],
      stats.map((s) => [s.label, fmt(s.median, 3), fmt(s.p95, 3), fmt(s.mean, 3), fmtInt(s.times.length)])
    ),
    summary: `${fmtInt(n)} / ${fmtInt(config.smallEntries)} entries: median ratio ${fmt(ratio)}, p95 ratio ${fmt(p95Ratio)} — target <= ${TARGET_READ_RATIO} (median): ${verdict(ratio <= TARGET_READ_RATIO)}`,
    met: ratio <= TARGET_READ_RATIO,
  }
}

/* ------------------------------------------------------------------ expiry */

/**
 * Loads `accounts` accounts with `lots` due lots between them (lots/accounts each)
 * in set-based SQL: one `import` entry per account as the lots' source, the
 * account's balance and lifetime_earned equal to its lots. The lots are written in
 * waves (every account's first lot, then every account's second...) so that one
 * account's lots lie apart on disk, as they do when earned over months.
 */
async function loadExpiryData(pool: Pool, programId: string, accounts: number, lots: number, asOf: Date) {
  const perAccount = Math.max(1, Math.round(lots / accounts))
  const client = await pool.connect()
  try {
    await client.query(
      `TRUNCATE loyalty_points_lot_consumption, loyalty_points_hold, loyalty_points_lot, loyalty_points_entry, loyalty_points_account`
    )
    // Points of lot l of account a: 1 + (7a + 13l) mod 100 (deterministic, so a reload is the same data).
    await client.query(
      `INSERT INTO loyalty_points_account (id, program_id, customer_id, balance, lifetime_earned, created_at, updated_at)
       SELECT 'lpacc_bx' || lpad(CAST(a AS text), 8, '0'), $1, 'cus_bx' || lpad(CAST(a AS text), 8, '0'),
         s.points, s.points, now(), now()
       FROM generate_series(1, $2) a
       CROSS JOIN LATERAL (SELECT CAST(SUM(1 + (7 * a + 13 * l) % 100) AS integer) AS points FROM generate_series(1, $3) l) s`,
      [programId, accounts, perAccount]
    )
    await client.query(
      `INSERT INTO loyalty_points_entry (id, account_id, program_id, type, points, balance_change, pending_change,
         actor_type, reason, idempotency_key, created_at, updated_at)
       SELECT 'lpent_bx' || substr(a.id, 9), a.id, a.program_id, 'import', a.balance, a.balance, 0,
         'system', 'bench', 'bench:import:' || a.id, now(), now()
       FROM loyalty_points_account a`
    )
    await client.query(
      `INSERT INTO loyalty_points_lot (id, account_id, entry_id, points, remaining, expires_at, created_at, updated_at)
       SELECT 'lplot_bx' || lpad(CAST(a AS text), 8, '0') || '_' || lpad(CAST(l AS text), 4, '0'),
         'lpacc_bx' || lpad(CAST(a AS text), 8, '0'), 'lpent_bx' || lpad(CAST(a AS text), 8, '0'),
         1 + (7 * a + 13 * l) % 100, 1 + (7 * a + 13 * l) % 100,
         CAST($1 AS timestamptz) - make_interval(days => (a + 37 * l) % 365, secs => 1), now(), now()
       FROM generate_series(0, CAST($2 AS integer) * CAST($3 AS integer) - 1) g
       CROSS JOIN LATERAL (SELECT g % CAST($2 AS integer) + 1 AS a, g / CAST($2 AS integer) + 1 AS l) x`,
      [asOf, accounts, perAccount]
    )
    await client.query(`VACUUM ANALYZE loyalty_points_account, loyalty_points_entry, loyalty_points_lot`)
    const totals = (
      await client.query(
        `SELECT COUNT(*) AS lots, COUNT(DISTINCT account_id) AS accounts, COALESCE(SUM(remaining), 0) AS points
         FROM loyalty_points_lot WHERE remaining > 0 AND expires_at <= $1`,
        [asOf]
      )
    ).rows[0]
    await client.query("CHECKPOINT").catch(() => {}) // needs superuser or pg_checkpoint; only evens out the timing
    return { accounts: Number(totals.accounts), lots: Number(totals.lots), points: Number(totals.points) }
  } finally {
    client.release()
  }
}

/**
 * The floor: the whole expiry as one statement — empty every due lot, write one
 * `expire` entry per account (same columns and values as the service), lower each
 * balance. Written as the service's per-batch statement is, without the batching.
 */
const RAW_EXPIRY_SQL = `
  WITH due AS (
    SELECT id, remaining FROM loyalty_points_lot
    WHERE remaining > 0 AND expires_at <= $1 AND deleted_at IS NULL
  ),
  expired AS (
    UPDATE loyalty_points_lot AS lot
    SET expired_points = lot.expired_points + due.remaining, remaining = 0, updated_at = now()
    FROM due
    WHERE lot.id = due.id
    RETURNING lot.id, lot.account_id, due.remaining AS points
  ),
  per_account AS (
    SELECT account_id, CAST(SUM(points) AS integer) AS points, COUNT(*) AS lots, MIN(id) AS first_lot_id
    FROM expired GROUP BY account_id
  ),
  entries AS (
    INSERT INTO loyalty_points_entry (
      id, account_id, program_id, type, points, balance_change, pending_change,
      money_amount, raw_money_amount, currency_code, actor_type, reason,
      reference_type, reference_id, idempotency_key, metadata, created_at, updated_at)
    SELECT
      'lpent_' || upper(replace(CAST(gen_random_uuid() AS text), '-', '')),
      a.id, a.program_id, 'expire', -p.points, -p.points, 0,
      ROUND(p.points * CAST($2 AS numeric), 6),
      jsonb_build_object('value', CAST(ROUND(p.points * CAST($2 AS numeric), 6) AS text), 'precision', 20),
      $3, 'system', 'expired', 'expiry', $4,
      'expire:' || a.id || ':' || $4 || ':' || p.first_lot_id,
      jsonb_build_object('lots', p.lots),
      clock_timestamp(), clock_timestamp()
    FROM per_account p JOIN loyalty_points_account a ON a.id = p.account_id
    RETURNING account_id
  ),
  accounts AS (
    UPDATE loyalty_points_account AS a
    SET balance = a.balance - p.points, updated_at = now()
    FROM per_account p
    WHERE a.id = p.account_id
    RETURNING a.id
  )
  SELECT COUNT(*) AS accounts, COALESCE(SUM(p.lots), 0) AS lots, COALESCE(SUM(p.points), 0) AS points,
    (SELECT COUNT(*) FROM entries) AS entries, (SELECT COUNT(*) FROM accounts) AS updated
  FROM per_account p`

/** After an expiry run: nothing due is left, one entry per account, balances at zero, ledger reconciles. */
async function checkExpiry(
  label: string,
  pool: Pool,
  service: ILoyaltyPointsModuleService,
  loaded: { accounts: number; lots: number; points: number },
  reported: { accounts: number; lots: number; points: number },
  asOf: Date
) {
  const problems: string[] = []
  for (const field of ["accounts", "lots", "points"] as const) {
    if (reported[field] !== loaded[field]) {
      problems.push(`reported ${reported[field]} ${field}, loaded ${loaded[field]}`)
    }
  }
  const state = (
    await pool.query(
      `SELECT
         (SELECT COUNT(*) FROM loyalty_points_lot WHERE remaining > 0 AND expires_at <= $1) AS still_due,
         (SELECT COALESCE(SUM(expired_points), 0) FROM loyalty_points_lot) AS expired_points,
         (SELECT COUNT(*) FROM loyalty_points_entry WHERE type = 'expire') AS expire_entries,
         (SELECT COALESCE(-SUM(balance_change), 0) FROM loyalty_points_entry WHERE type = 'expire') AS entry_points,
         (SELECT COALESCE(SUM(balance), 0) FROM loyalty_points_account) AS balances`,
      [asOf]
    )
  ).rows[0]
  const expect = (name: string, actual: unknown, expected: number) => {
    if (Number(actual) !== expected) {
      problems.push(`${name} ${actual}, expected ${expected}`)
    }
  }
  expect("due lots left", state.still_due, 0)
  expect("lots' expired_points", state.expired_points, loaded.points)
  expect("expire entries", state.expire_entries, loaded.accounts)
  expect("points in expire entries", state.entry_points, loaded.points)
  expect("sum of balances", state.balances, 0)
  const started = now()
  const reconcile = await service.reconcile()
  const reconcileMs = now() - started
  if (reconcile.variances.length) {
    problems.push(`reconcile: ${reconcile.variances.length} variance(s), e.g. ${JSON.stringify(reconcile.variances[0])}`)
  }
  if (reconcile.accounts_checked !== loaded.accounts) {
    problems.push(`reconcile checked ${reconcile.accounts_checked} accounts, expected ${loaded.accounts}`)
  }
  if (problems.length) {
    throw new Error(`expiry (${label}) was not correct: ${problems.join("; ")}`)
  }
  return `${label}: ${fmtInt(loaded.points)} points in ${fmtInt(loaded.lots)} lots expired, ${fmtInt(loaded.accounts)} expire entries, all balances 0, reconcile() over ${fmtInt(reconcile.accounts_checked)} accounts: no variance (${fmt(reconcileMs / 1000, 1)} s)`
}

async function benchExpiry(config: Config, service: ILoyaltyPointsModuleService, pool: Pool) {
  const { expiryAccounts: accounts, expiryLots: lots } = config
  console.log(`\n[expiry] ${fmtInt(lots)} lots over ${fmtInt(accounts)} accounts`)
  const program = await service.retrieveDefaultProgram()
  const asOf = new Date(Math.floor(Date.now() / 1000) * 1000)
  const notes: string[] = []

  // 1. The service.
  let started = now()
  const loaded = await loadExpiryData(pool, program.id, accounts, lots, asOf)
  console.log(`  loaded in ${fmt((now() - started) / 1000, 1)} s`)
  gc()
  await sleep(100)
  let memory = trackPeakMemory()
  started = now()
  const result = await service.expirePoints({ as_of: asOf, ...(config.expiryBatch ? { batch_size: config.expiryBatch } : {}) })
  const serviceMs = now() - started
  const serviceMemory = memory.stop()
  console.log(`  service.expirePoints: ${fmt(serviceMs / 1000, 2)} s`)
  notes.push(await checkExpiry("service", pool, service, loaded, result, asOf))

  // 2. The same data again, expired by one statement.
  started = now()
  const reloaded = await loadExpiryData(pool, program.id, accounts, lots, asOf)
  console.log(`  reloaded in ${fmt((now() - started) / 1000, 1)} s`)
  if (JSON.stringify(reloaded) !== JSON.stringify(loaded)) {
    throw new Error(`expiry: reload differs: ${JSON.stringify(reloaded)} vs ${JSON.stringify(loaded)}`)
  }
  gc()
  await sleep(100)
  memory = trackPeakMemory()
  const client = await pool.connect()
  let raw: Record<string, string>
  try {
    started = now()
    raw = (await client.query(RAW_EXPIRY_SQL, [asOf, 0.01, "usd", asOf.toISOString()])).rows[0]
  } finally {
    client.release()
  }
  const rawMs = now() - started
  const rawMemory = memory.stop()
  console.log(`  raw statement: ${fmt(rawMs / 1000, 2)} s`)
  notes.push(
    await checkExpiry(
      "raw SQL",
      pool,
      service,
      loaded,
      { accounts: Number(raw.accounts), lots: Number(raw.lots), points: Number(raw.points) },
      asOf
    )
  )

  const ratio = serviceMs / rawMs
  const batch = config.expiryBatch ?? 1000
  const batches = Math.ceil(accounts / batch)
  return {
    text: table(
      ["Run", "Time s", "Lots/s", "Node peak RSS", "Node RSS growth", "Node peak heap"],
      [
        [
          `service.expirePoints (${fmtInt(batches)} batches of ${fmtInt(batch)} accounts)`,
          fmt(serviceMs / 1000, 2),
          fmtInt((loaded.lots / serviceMs) * 1000),
          mb(serviceMemory.peakRss),
          mb(serviceMemory.peakRss - serviceMemory.startRss),
          mb(serviceMemory.peakHeap),
        ],
        [
          "raw SQL, one statement",
          fmt(rawMs / 1000, 2),
          fmtInt((loaded.lots / rawMs) * 1000),
          mb(rawMemory.peakRss),
          mb(rawMemory.peakRss - rawMemory.startRss),
          mb(rawMemory.peakHeap),
        ],
      ]
    ),
    summary: `service / raw time: ${fmt(ratio)} — target <= ${TARGET_EXPIRY_RATIO}: ${verdict(ratio <= TARGET_EXPIRY_RATIO)}`,
    notes,
    met: ratio <= TARGET_EXPIRY_RATIO,
  }
}

/* ------------------------------------------------------------------ main */

async function describeServer(pool: Pool) {
  const settings = (
    await pool.query(
      `SELECT name, setting, unit FROM pg_settings
       WHERE name IN ('server_version', 'fsync', 'synchronous_commit', 'shared_buffers', 'work_mem', 'max_wal_size')`
    )
  ).rows
  const get = (name: string) => settings.find((s) => s.name === name)
  const pretty = (name: string) => {
    const s = get(name)
    if (!s) {
      return "?"
    }
    if (s.unit === "8kB") {
      return mb(Number(s.setting) * 8192)
    }
    if (s.unit === "kB") {
      return mb(Number(s.setting) * 1024)
    }
    if (s.unit === "MB") {
      return mb(Number(s.setting) * 1024 * 1024)
    }
    return s.setting
  }
  const where = process.env.EMBEDDED_POSTGRES ? "embedded (scripts/with-database.js)" : "configured server"
  return (
    `PostgreSQL ${pretty("server_version")}, ${where}: fsync=${pretty("fsync")}, synchronous_commit=${pretty("synchronous_commit")}, ` +
    `shared_buffers=${pretty("shared_buffers")}, work_mem=${pretty("work_mem")}`
  )
}

async function main() {
  const config = readConfig()
  const runStarted = now()
  const clientUrl = serverUrl(config.dbName)

  console.log(`Ledger benchmark, scale ${config.scale}: database "${config.dbName}" (dropped and created)`)
  await recreateDatabase(config.dbName)
  const migrations = await runMigrations(clientUrl)
  console.log(`Migrations applied: ${migrations.join(", ") || "(none)"}`)

  // The two raw runners hold a client per caller for a whole interleaved measure (2 x 4
  // callers at once): a pool of exactly 8 left no client for any other query meanwhile,
  // and more callers would wait forever for clients the other open measure holds.
  const pool = new Pool({ connectionString: clientUrl, max: 12 })
  // The database is dropped WITH (FORCE) at the end: a client still closing then gets
  // "terminating connection", which without a listener stopped the process after the
  // figures were printed. During the run a failed query rejects its own promise.
  pool.on("connect", (client) => client.on("error", () => {}))
  pool.on("error", () => {})
  const moduleHandle = await bootModule(clientUrl)
  const service = moduleHandle.service
  const sections: string[] = []
  const targets: { name: string; met: boolean }[] = []
  try {
    const server = await describeServer(pool)
    const machine = `Node ${process.version}, ${os.cpus().length} CPU(s) (${os.cpus()[0]?.model?.trim() ?? "?"}), ${mb(os.totalmem())} RAM, ${os.platform()} ${os.arch()}`

    if (config.only.has("writes")) {
      const writes = await benchWrites(config, service, pool)
      sections.push(
        `Writes through the module service vs raw SQL (${fmtInt(config.ops)} credits of ${CREDIT_POINTS}, then ${fmtInt(config.ops)} debits of ${DEBIT_POINTS}, per configuration; ` +
          `"own accounts": each caller goes round accounts of its own, ${config.creditsPerAccount} credits each, so a debit finds ~${config.creditsPerAccount} open lots; ` +
          `"one shared account": all ${fmtInt(config.ops)} credits land on it, the hot-account case; service and raw run in ${config.slices} interleaved slices each; median of ${config.rounds} round(s))\n\n` +
          `${writes.text}\n\n${writes.note}`
      )
      targets.push({ name: `service writes >= ${TARGET_WRITE_RATIO} x raw prepared, every configuration`, met: writes.met })
    }
    if (config.only.has("reads")) {
      const reads = await benchReads(config, service, pool)
      sections.push(`Balance read: retrieveAccountBalance (interleaved, after warm-up)\n\n${reads.text}\n\n${reads.summary}`)
      targets.push({ name: `balance read at ${fmtInt(config.largeEntries)} entries <= 1.2 x at 10`, met: reads.met })
    }
    if (config.only.has("expiry")) {
      const expiry = await benchExpiry(config, service, pool)
      sections.push(
        `Expiry of ${fmtInt(config.expiryLots)} due lots over ${fmtInt(config.expiryAccounts)} accounts (same data loaded before each run)\n\n` +
          `${expiry.text}\n\n${expiry.summary}\n` +
          expiry.notes.map((n) => `Checked — ${n}`).join("\n") +
          `\nMemory is this Node process's resident set (peak: max of 10 ms samples and the kernel's VmHWM); ` +
          `PostgreSQL runs as separate processes and is not included.`
      )
      targets.push({ name: "expiry <= 3 x the raw statement", met: expiry.met })
    }

    const seconds = Math.round((now() - runStarted) / 1000)
    console.log("\n" + "=".repeat(100))
    console.log(`Ledger benchmark — medusa-loyalty-points, scale ${config.scale}, ${new Date().toISOString()}`)
    console.log(`${machine}; load average at the end ${os.loadavg().map((n) => n.toFixed(2)).join(", ")}`)
    console.log(server)
    if (process.env.BENCH_MODULE_PATH) {
      console.log(`Module measured: ${path.relative(ROOT, MODULE_PATH) || "."} (BENCH_MODULE_PATH)`)
    }
    for (const section of sections) {
      console.log(`\n${section}`)
    }
    console.log(`\nTargets: ${targets.map((t) => `${t.name}: ${verdict(t.met)}`).join("; ")}`)
    console.log(`Total run time: ${Math.floor(seconds / 60)} min ${seconds % 60} s (after the database server was up)`)
    // A missed target is a finding, not a failure, unless asked (--strict, e.g. in CI);
    // a run that was not correct has already thrown (exit code 2).
    process.exitCode = config.strict && !targets.every((t) => t.met) ? 1 : 0
  } finally {
    await moduleHandle.close().catch(() => {})
    await pool.end().catch(() => {})
    if (!config.keepDb) {
      await dropDatabase(config.dbName).catch(() => {})
    }
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error)
    process.exit(2)
  })
}

// For investigating one part at a time (e.g. EXPLAIN ANALYZE on the loaded data).
export { bootModule, loadExpiryData, RAW_EXPIRY_SQL, recreateDatabase, runMigrations, serverUrl }
