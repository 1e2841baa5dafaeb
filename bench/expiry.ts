/**
 * Expiry benchmark: `npm run bench:expiry` (see bench/README.md).
 *
 * 1. The nightly job's own expiry path, `expireLoyaltyPointsWorkflow` (the workflow the
 *    job runs, its `loyalty_points.expired` events included: released on Medusa's local
 *    event bus and counted by a subscriber), over 1,000,000 due lots spread across
 *    100,000 accounts; beside the floor, one raw SQL statement doing the same to the
 *    same data (reloaded). Target: the workflow within 3x the floor.
 * 2. The nightly run as a whole, `runNightlyLoyaltyWorkflow` (expiry, reminders, tier
 *    review, reconciliation, with their events) over 100,000 accounts holding due lots,
 *    lots within the reminder window and tiers: time and this process's peak memory.
 * Every run is checked (nothing due left, one entry and one event per account, the
 * ledger reconciles) before its figures are printed.
 *
 * Sizes: BENCH_SCALE (default 1) scales accounts and lots; BENCH_EXPIRY_BATCH sets the
 * accounts per transaction (default 1,000, the `nightly.batch_size` default).
 */
import fs from "fs"
import os from "os"
import v8 from "v8"
import vm from "vm"
import path from "path"
import { Pool } from "pg"
import type { ILoyaltyPointsModuleService } from "../src/types"
import { LOYALTY_POINTS_MODULE, LoyaltyPointsEvents } from "../src/types/module"
import { expireLoyaltyPointsWorkflow } from "../src/workflows/expiry/workflows/expire-points"
import { runNightlyLoyaltyWorkflow } from "../src/workflows/nightly/workflows/run-nightly"
import { loadExpiryData, RAW_EXPIRY_SQL, recreateDatabase, runMigrations, serverUrl } from "./ledger"

/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS-only entry points, loaded as the test runner loads them */
const { ContainerRegistrationKeys, Modules, ModulesSdkUtils, isSharedConnectionSymbol } = require("@medusajs/framework/utils")
const { initModules } = require("@medusajs/test-utils")
/* eslint-enable @typescript-eslint/no-require-imports */

const ROOT = path.resolve(__dirname, "..")
const TARGET_RATIO = 3
const scale = Number(process.env.BENCH_SCALE ?? 1)
const ACCOUNTS = Math.round(100_000 * scale)
const LOTS = Math.round(1_000_000 * scale)
const BATCH = Number(process.env.BENCH_EXPIRY_BATCH ?? 1000)
const DB_NAME = process.env.BENCH_DB_NAME ?? `loyalty_bench_expiry_${process.pid}`

const now = () => Number(process.hrtime.bigint()) / 1e6
const fmt = (n: number, digits = 2) => n.toFixed(digits)
const fmtInt = (n: number) => Math.round(n).toLocaleString("en-US")
const mb = (bytes: number) => `${fmtInt(bytes / 1024 / 1024)} MB`
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const gc: () => void = (() => {
  v8.setFlagsFromString("--expose-gc")
  return vm.runInNewContext("gc")
})()

/** This process's peak resident set while it runs: 10 ms samples and the kernel's VmHWM. */
function trackPeakMemory() {
  let hwm = false
  try {
    fs.writeFileSync("/proc/self/clear_refs", "5")
    hwm = true
  } catch {
    // not Linux: the samples are the figure
  }
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
      if (hwm) {
        const found = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"))
        if (found) {
          peakRss = Math.max(peakRss, Number(found[1]) * 1024)
        }
      }
      return { startRss: start.rss, peakRss, peakHeap }
    },
  }
}

/** The module with Medusa's local event bus and locking, as the job has them in a store. */
async function boot(clientUrl: string) {
  const dbConfig = { clientUrl, schema: "public" }
  const connection = ModulesSdkUtils.createPgConnection(dbConfig)
  const quiet = { info() {}, warn() {}, debug() {}, log() {}, activity() {}, progress() {}, error: console.error, panic: console.error }
  const modulesConfig = {
    [LOYALTY_POINTS_MODULE]: {
      resolve: path.join(ROOT, "src/modules/loyalty-points"),
      options: {
        database: dbConfig,
        [isSharedConnectionSymbol]: true,
        program: { redemption_values: { usd: 0.01 }, default_currency_code: "usd" },
        nightly: { batch_size: BATCH },
      },
    },
    [Modules.EVENT_BUS]: { resolve: "@medusajs/event-bus-local" },
    [Modules.LOCKING]: { resolve: "@medusajs/locking" },
  }
  const { medusaApp, shutdown } = await initModules({
    injectedDependencies: {
      [ContainerRegistrationKeys.PG_CONNECTION]: connection,
      [ContainerRegistrationKeys.LOGGER]: quiet,
      [ContainerRegistrationKeys.CONFIG_MODULE]: { modules: modulesConfig, projectConfig: {} },
    },
    modulesConfig,
    databaseConfig: dbConfig,
    preventConnectionDestroyWarning: true,
    cwd: ROOT,
  })
  const container = medusaApp.sharedContainer
  container.register(ContainerRegistrationKeys.LOGGER, { resolve: () => quiet } as never)
  const events: Record<string, number> = {}
  const eventBus = container.resolve(Modules.EVENT_BUS)
  for (const name of Object.values(LoyaltyPointsEvents)) {
    eventBus.subscribe(name, async () => {
      events[name] = (events[name] ?? 0) + 1
    })
  }
  return {
    container,
    service: medusaApp.modules[LOYALTY_POINTS_MODULE] as ILoyaltyPointsModuleService,
    events,
    async close() {
      await shutdown()
      await connection.destroy()
    },
  }
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 600_000) {
  const started = Date.now()
  while (!check()) {
    if (Date.now() - started > timeoutMs) {
      throw new Error(`timed out waiting for ${what}`)
    }
    await sleep(5)
  }
}

async function checkLedger(pool: Pool, service: ILoyaltyPointsModuleService, asOf: Date, accounts: number) {
  const { rows } = await pool.query(
    `SELECT (SELECT COUNT(*) FROM loyalty_points_lot WHERE remaining > 0 AND expires_at <= $1) AS still_due,
            (SELECT COUNT(*) FROM loyalty_points_entry WHERE type = 'expire') AS entries`,
    [asOf]
  )
  const problems: string[] = []
  if (Number(rows[0].still_due) !== 0) {
    problems.push(`${rows[0].still_due} lots still due`)
  }
  if (Number(rows[0].entries) !== accounts) {
    problems.push(`${rows[0].entries} expire entries for ${accounts} accounts`)
  }
  const { variances, accounts_checked } = await service.reconcile()
  if (variances.length) {
    problems.push(`${variances.length} reconcile variances, e.g. ${JSON.stringify(variances.slice(0, 3))}`)
  }
  if (problems.length) {
    throw new Error(`expiry run not correct: ${problems.join("; ")}`)
  }
  return `nothing due left, ${fmtInt(accounts)} expire entries, ${fmtInt(accounts_checked)} accounts reconcile`
}

async function main() {
  const clientUrl = serverUrl(DB_NAME)
  const started = now()
  console.log(`Expiry benchmark, scale ${scale}: ${fmtInt(LOTS)} lots over ${fmtInt(ACCOUNTS)} accounts, database "${DB_NAME}"`)
  await recreateDatabase(DB_NAME)
  await runMigrations(clientUrl)
  const pool = new Pool({ connectionString: clientUrl, max: 4 })
  const app = await boot(clientUrl)
  const lines: string[] = []
  try {
    const program = await app.service.retrieveDefaultProgram()
    const asOf = new Date(Math.floor(Date.now() / 1000) * 1000)

    // 1. The job's expiry path: the workflow, events included.
    const loaded = await loadExpiryData(pool, program.id, ACCOUNTS, LOTS, asOf)
    console.log(`  loaded ${fmtInt(loaded.lots)} due lots over ${fmtInt(loaded.accounts)} accounts`)
    gc()
    await sleep(100)
    let memory = trackPeakMemory()
    const before = app.events[LoyaltyPointsEvents.EXPIRED] ?? 0
    let t0 = now()
    const { result } = await expireLoyaltyPointsWorkflow(app.container).run({ input: { as_of: asOf, batch_size: BATCH } })
    const workflowMs = now() - t0
    await waitFor(() => (app.events[LoyaltyPointsEvents.EXPIRED] ?? 0) - before >= loaded.accounts, "the expired events")
    const withEventsMs = now() - t0
    const workflowMemory = memory.stop()
    if (result.points !== loaded.points || result.lots !== loaded.lots || result.accounts !== loaded.accounts) {
      throw new Error(`workflow reported ${JSON.stringify({ ...result, per_account: undefined })}, loaded ${JSON.stringify(loaded)}`)
    }
    const checked = await checkLedger(pool, app.service, asOf, loaded.accounts)
    console.log(`  workflow: ${fmt(workflowMs / 1000)} s, events delivered at ${fmt(withEventsMs / 1000)} s`)

    // 2. The floor: one statement, same data.
    const reloaded = await loadExpiryData(pool, program.id, ACCOUNTS, LOTS, asOf)
    if (JSON.stringify(reloaded) !== JSON.stringify(loaded)) {
      throw new Error(`reload differs: ${JSON.stringify(reloaded)} vs ${JSON.stringify(loaded)}`)
    }
    const client = await pool.connect()
    let rawMs: number
    try {
      t0 = now()
      await client.query(RAW_EXPIRY_SQL, [asOf, 0.01, "usd", asOf.toISOString()])
      rawMs = now() - t0
    } finally {
      client.release()
    }
    await checkLedger(pool, app.service, asOf, loaded.accounts)
    console.log(`  raw statement: ${fmt(rawMs / 1000)} s`)
    const ratio = withEventsMs / rawMs

    lines.push(
      `Expiry of ${fmtInt(loaded.lots)} due lots over ${fmtInt(loaded.accounts)} accounts (batches of ${fmtInt(BATCH)} accounts)`,
      ``,
      `| run | time s | lots/s | Node peak RSS | Node peak heap |`,
      `|---|---|---|---|---|`,
      `| expireLoyaltyPointsWorkflow, until all ${fmtInt(loaded.accounts)} loyalty_points.expired events were delivered | ${fmt(withEventsMs / 1000)} (workflow returned at ${fmt(workflowMs / 1000)}) | ${fmtInt((loaded.lots / withEventsMs) * 1000)} | ${mb(workflowMemory.peakRss)} | ${mb(workflowMemory.peakHeap)} |`,
      `| raw single statement (floor) | ${fmt(rawMs / 1000)} | ${fmtInt((loaded.lots / rawMs) * 1000)} | - | - |`,
      ``,
      `Workflow / floor: ${fmt(ratio)}x (target <= ${TARGET_RATIO}x: ${ratio <= TARGET_RATIO ? "met" : "MISSED"}). Checked: ${checked}.`
    )

    // 3. The nightly run as a whole.
    await loadExpiryData(pool, program.id, ACCOUNTS, LOTS, asOf)
    // A third of the lots move inside the reminder window; a fifth of the accounts hold a
    // tier they no longer qualify for (their points are imports), so the review marks them.
    await pool.query(
      `UPDATE loyalty_points_lot SET expires_at = CAST($1 AS timestamptz) + make_interval(days => 1 + (hashtext(id) & 1023) % 28)
       WHERE (hashtext(id) & 1023) % 3 = 0`,
      [asOf]
    )
    const tier = await app.service.createLoyaltyTiers({ program_id: program.id, name: "Gold", rank: 1, threshold: 100 } as never)
    await pool.query(`UPDATE loyalty_points_account SET tier_id = $1 WHERE (hashtext(id) & 1023) % 5 = 0`, [(tier as { id: string }).id])
    await pool.query(`VACUUM ANALYZE loyalty_points_account, loyalty_points_lot`)
    const due = (
      await pool.query(
        `SELECT COUNT(DISTINCT account_id) AS accounts, COUNT(*) AS lots FROM loyalty_points_lot WHERE remaining > 0 AND expires_at <= $1`,
        [asOf]
      )
    ).rows[0]
    gc()
    await sleep(100)
    const counted = { ...app.events }
    memory = trackPeakMemory()
    t0 = now()
    const nightly = await runNightlyLoyaltyWorkflow(app.container).run({ input: { as_of: asOf } })
    const nightlyMs = now() - t0
    const expiredEvents = () => (app.events[LoyaltyPointsEvents.EXPIRED] ?? 0) - (counted[LoyaltyPointsEvents.EXPIRED] ?? 0)
    const expiringEvents = () => (app.events[LoyaltyPointsEvents.EXPIRING] ?? 0) - (counted[LoyaltyPointsEvents.EXPIRING] ?? 0)
    const run = nightly.result
    await waitFor(() => expiredEvents() >= Number(due.accounts) && expiringEvents() >= (run.reminders ?? 0), "the nightly events")
    const nightlyWithEventsMs = now() - t0
    const nightlyMemory = memory.stop()
    if (run.expiry?.lots !== Number(due.lots) || run.reconciliation?.variance_count !== 0) {
      throw new Error(`nightly run not correct: ${JSON.stringify(run)}, due ${JSON.stringify(due)}`)
    }
    lines.push(
      ``,
      `The nightly run as a whole (runNightlyLoyaltyWorkflow) over ${fmtInt(ACCOUNTS)} accounts: expired ${fmtInt(run.expiry.lots)} lots in ${fmtInt(run.expiry.accounts)} accounts, ` +
        `${fmtInt(run.reminders ?? 0)} reminders, tier review of the ${fmtInt(ACCOUNTS / 5)}-odd tiered accounts, reconciliation of ${fmtInt(run.reconciliation.accounts_checked)} accounts (0 variances)`,
      ``,
      `| run | time s | Node peak RSS | Node RSS growth | Node peak heap |`,
      `|---|---|---|---|---|`,
      `| runNightlyLoyaltyWorkflow, until its events were delivered | ${fmt(nightlyWithEventsMs / 1000)} (workflow returned at ${fmt(nightlyMs / 1000)}) | ${mb(nightlyMemory.peakRss)} | ${mb(nightlyMemory.peakRss - nightlyMemory.startRss)} | ${mb(nightlyMemory.peakHeap)} |`,
      ``,
      `Memory is this Node process's resident set; PostgreSQL runs as separate processes and is not included.`
    )

    const server = (await pool.query(`SHOW server_version`)).rows[0].server_version
    console.log("\n" + "=".repeat(100))
    console.log(`Expiry benchmark — medusa-loyalty-points, scale ${scale}, ${new Date().toISOString()}`)
    console.log(`Node ${process.version}, ${os.cpus().length} CPU(s), ${mb(os.totalmem())} RAM; PostgreSQL ${server}`)
    console.log(`\n${lines.join("\n")}`)
    console.log(`\nTotal run time: ${fmt((now() - started) / 1000, 0)} s`)
    process.exitCode = 0
  } finally {
    await app.close().catch(() => {})
    await pool.end().catch(() => {})
    if (!process.env.BENCH_KEEP_DB) {
      const admin = new Pool({ connectionString: serverUrl("postgres"), max: 1 })
      await admin.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`).catch(() => {})
      await admin.end().catch(() => {})
    }
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(2)
})
