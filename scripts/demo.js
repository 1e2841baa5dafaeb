#!/usr/bin/env node
/**
 * `npm run demo`: a running store with the plugin, its admin and demo data, on a
 * machine with only Node.
 *
 * 1. PostgreSQL: the one DATABASE_URL names, or else an embedded server keeping its
 *    data in `.demo-data/pg` (kept between runs) with the database medusa_loyalty_demo.
 * 2. `medusa db:migrate`, then `medusa exec ./src/scripts/seed-demo.ts`, which adds
 *    only what an earlier run did not create.
 * 3. `medusa start` in development mode: the API and the admin (served by Vite, no
 *    build needed) on http://localhost:9000. The sign-in details are printed once it
 *    answers.
 *
 * `npm run demo:cluster` (`--cluster`) does the same with the store as a cluster:
 * MEDUSA_CLUSTER=true (Redis event bus, workflow engine, locking and cache, see
 * medusa-config.ts) against REDIS_URL (default redis://127.0.0.1:6379), one server
 * process (MEDUSA_WORKER_MODE=server) on PORT that answers HTTP, and one worker process
 * (MEDUSA_WORKER_MODE=worker, on PORT+1 for its health check) that handles the events
 * and the scheduled jobs.
 *
 * Ctrl-C (or SIGTERM) stops Medusa first, then the embedded PostgreSQL.
 */
const { spawn } = require("child_process")
const fs = require("fs")
const http = require("http")
const path = require("path")
const { startEmbeddedPostgres, isPortFree } = require("./lib/database")

const root = path.resolve(__dirname, "..")
const CLUSTER = process.argv.includes("--cluster")
const medusaCli = require.resolve("@medusajs/cli/cli.js", { paths: [root] })
const PORT = Number(process.env.PORT || 9000)
const DEMO_DATABASE = "medusa_loyalty_demo"
const DATA_DIR = path.join(root, ".demo-data")
// Written by src/scripts/seed-demo.ts: credentials and the publishable key.
const SUMMARY_FILE = path.join(DATA_DIR, "demo-store.json")

let database = null
const children = new Set() // the Medusa children running now
let stopping = false

async function main() {
  const started = Date.now()
  const env = {
    ...process.env,
    MEDUSA_DISABLE_TELEMETRY: "true",
    // `localhost` must reach a server listening on 127.0.0.1 only.
    NODE_OPTIONS: [process.env.NODE_OPTIONS, "--dns-result-order=ipv4first"].filter(Boolean).join(" "),
  }

  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => shutdown(signal))
  }

  for (const port of CLUSTER ? [PORT, PORT + 1] : [PORT]) {
    if (!(await isPortFree(port))) {
      throw new Error(`Port ${port} is in use: stop what runs there, or run with PORT=<another port>.`)
    }
  }
  if (CLUSTER) {
    env.MEDUSA_CLUSTER = "true"
    env.REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379"
    step(`Cluster mode: Redis at ${env.REDIS_URL}`)
    await assertRedisAnswers(env.REDIS_URL)
  }

  if (process.env.DATABASE_URL) {
    step(`Using the database in DATABASE_URL`)
  } else {
    step("Starting the embedded PostgreSQL (data in .demo-data/pg)")
    database = await startEmbeddedPostgres({
      dataDir: path.join(DATA_DIR, "pg"),
      preferredPort: 54329,
      persistent: true,
      detached: true,
    })
    await database.createDatabase(DEMO_DATABASE)
    const auth = `${encodeURIComponent(database.user)}:${encodeURIComponent(database.password)}`
    env.DATABASE_URL = `postgres://${auth}@${database.host}:${database.port}/${DEMO_DATABASE}`
    console.log(`PostgreSQL is listening on localhost:${database.port}`)
  }
  if (stopping) return

  step("Migrating the database (medusa db:migrate; warnings and errors only)")
  // Hundreds of lines on a first run otherwise; LOG_LEVEL=info shows them.
  await runMedusa(["db:migrate", "--execute-safe-links", "--execute-safe-search"], {
    ...env,
    LOG_LEVEL: process.env.LOG_LEVEL || "warn",
  }).catch((error) => {
    if (!database) {
      error.message += ". Check DATABASE_URL: its database must exist (e.g. createdb <name>)."
    }
    throw error
  })
  if (stopping) return

  step("Seeding the demo store (medusa exec ./src/scripts/seed-demo.ts)")
  fs.mkdirSync(DATA_DIR, { recursive: true })
  fs.rmSync(SUMMARY_FILE, { force: true })
  await runMedusa(["exec", "./src/scripts/seed-demo.ts"], { ...env, DEMO_SUMMARY_FILE: SUMMARY_FILE })
  if (stopping) return
  const summary = JSON.parse(fs.readFileSync(SUMMARY_FILE, "utf8"))

  const processes = CLUSTER
    ? [
        { name: "server", port: PORT, env: { MEDUSA_WORKER_MODE: "server" } },
        { name: "worker", port: PORT + 1, env: { MEDUSA_WORKER_MODE: "worker", MEDUSA_ADMIN_DISABLED: "true" } },
      ]
    : [{ name: "Medusa", port: PORT, env: {} }]
  const healthy = processes.map(({ name, port, env: own }) => {
    step(`Starting ${CLUSTER ? `the ${name} process` : "Medusa"} on port ${port} (medusa start, development mode)`)
    const child = startMedusa(["start", "--port", String(port)], { ...env, ...own, NODE_ENV: "development" })
    child.on("exit", (code, signal) => {
      if (!stopping) {
        console.error(`${name} exited (${signal ?? `code ${code}`}).`)
        shutdown("SIGTERM", code || 1)
      }
    })
    return waitForHealth(child, port)
  })
  if ((await Promise.all(healthy)).every(Boolean)) {
    printBanner(summary, Math.round((Date.now() - started) / 1000))
  }
}

/** Fails early, with the reason, when nothing answers at REDIS_URL. */
async function assertRedisAnswers(url) {
  const Redis = require("ioredis")
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
  try {
    await client.connect()
    await client.ping()
  } catch (error) {
    throw new Error(`Redis does not answer at ${url} (${error.message}): start redis-server or set REDIS_URL.`)
  } finally {
    client.disconnect()
  }
}

function step(message) {
  console.log(`\n==> ${message}`)
}

/**
 * Medusa runs in a process group of its own: the terminal's Ctrl-C reaches only this
 * script, which stops Medusa once and then the database. The preload stops Medusa
 * should this script be killed outright.
 */
function startMedusa(args, env) {
  const preload = path.join(__dirname, "lib", "exit-with-parent.js")
  const child = spawn(process.execPath, ["--require", preload, medusaCli, ...args], {
    cwd: root,
    env,
    stdio: ["ignore", "inherit", "inherit"],
    detached: process.platform !== "win32",
  })
  children.add(child)
  child.on("exit", () => children.delete(child))
  return child
}

function runMedusa(args, env) {
  return new Promise((resolve, reject) => {
    const child = startMedusa(args, env)
    child.on("error", reject)
    child.on("exit", (code, signal) => {
      if (stopping) return resolve()
      if (code === 0) return resolve()
      reject(new Error(`medusa ${args[0]} failed (${signal ?? `exit code ${code}`})`))
    })
  })
}

/** Polls /health until Medusa answers; false when it exited or we are stopping. */
async function waitForHealth(child, port) {
  for (;;) {
    if (stopping || child.exitCode !== null || child.signalCode !== null) {
      return false
    }
    const ok = await new Promise((resolve) => {
      const request = http.get({ host: "127.0.0.1", port, path: "/health", timeout: 2000 }, (res) => {
        res.resume()
        resolve(res.statusCode === 200)
      })
      request.on("timeout", () => request.destroy())
      request.on("error", () => resolve(false))
    })
    if (ok) return true
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
}

function printBanner(summary, seconds) {
  const base = `http://localhost:${PORT}`
  const { admin, shopper, points } = summary
  const lines = [
    `The demo store is running (ready after ${seconds} s).`,
    "",
    `Admin dashboard:      ${base}/app`,
    `  email / password:   ${admin.email} / ${admin.password}`,
    `Demo shopper (Store API; ${points.balance} points, ${points.pending} pending, with history):`,
    `  email / password:   ${shopper.email} / ${shopper.password}`,
    `Publishable API key:  ${summary.publishable_api_key}`,
    `  (send it as the x-publishable-api-key header to ${base}/store/...)`,
    "",
    ...(CLUSTER
      ? [`Cluster: server on port ${PORT}, worker (events, jobs) on port ${PORT + 1}, Redis for both.`, ""]
      : []),
    database ? "Press Ctrl-C to stop Medusa and the database." : "Press Ctrl-C to stop Medusa.",
  ]
  const width = Math.max(...lines.map((line) => line.length))
  const bar = "=".repeat(width + 4)
  console.log(`\n${bar}\n${lines.map((line) => `| ${line.padEnd(width)} |`).join("\n")}\n${bar}\n`)
}

/** Stops Medusa, then PostgreSQL. npm forwards the signal again: repeats are ignored. */
async function shutdown(signal, code = 0) {
  if (stopping) return
  stopping = true
  console.log(`\n${signal}: stopping the demo...`)
  await Promise.all(
    [...children]
      .filter((child) => child.exitCode === null && child.signalCode === null)
      .map(async (child) => {
        const exited = new Promise((resolve) => child.once("exit", resolve))
        child.kill(signal === "SIGHUP" ? "SIGTERM" : signal)
        const force = setTimeout(() => child.kill("SIGKILL"), 15000)
        await exited
        clearTimeout(force)
      })
  )
  await finish(code)
}

async function finish(code) {
  stopping = true
  if (database) {
    const db = database
    database = null
    await db.stop().catch((error) => console.error(`Could not stop PostgreSQL: ${error.message}`))
    console.log("PostgreSQL stopped.")
  }
  process.exit(code)
}

main().catch(async (error) => {
  console.error(`\nnpm run demo${CLUSTER ? ":cluster" : ""} failed: ${error.message}`)
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM")
  await finish(1)
})
