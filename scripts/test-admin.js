#!/usr/bin/env node
/**
 * `npm run test:admin`: the dashboard screens of the plugin, checked in a real browser.
 *
 * 1. Chromium: Debian's `chromium` (/usr/bin/chromium, or CHROMIUM_PATH). When absent it
 *    is installed with apt-get where that is possible (root); otherwise the command says
 *    so and exits 0, so the rest of a CI run is not failed by a machine without it.
 * 2. A fresh test database: on the server DB_HOST (or DATABASE_URL) names, else an
 *    embedded PostgreSQL under .test-data/admin-pg; migrated and seeded with the demo
 *    store (src/scripts/seed-demo.ts).
 * 3. `medusa build --admin-only` (the admin as a merchant ships it, JWT auth), served by
 *    `medusa start` in production mode on a free port.
 * 4. An order with points (placed over the Store API, points applied, payment captured).
 * 5. Headless Chromium through playwright-core runs scripts/admin-e2e/steps.js; each
 *    screen is saved to .test-data/admin-screenshots/.
 *
 * Env: ADMIN_TEST_SKIP_BUILD=1 reuses the last build; ADMIN_TEST_KEEP=1 leaves the store
 * running at the end (Ctrl-C stops it).
 */
const { spawn, spawnSync } = require("child_process")
const fs = require("fs")
const path = require("path")
const http = require("http")
const { startEmbeddedPostgres, isDatabaseConfigured, findFreePort } = require("./lib/database")

const root = path.resolve(__dirname, "..")
const medusaCli = require.resolve("@medusajs/cli/cli.js", { paths: [root] })
const DATA_DIR = path.join(root, ".test-data")
const SHOTS_DIR = path.join(DATA_DIR, "admin-screenshots")
const SUMMARY_FILE = path.join(DATA_DIR, "admin-test-store.json")
const DATABASE_NAME = `medusa_loyalty_admin_test_${process.pid}`

let database = null
let server = null
let createdDatabase = null
// `medusa start` writes typed query entry points to .medusa/types, which the repository's
// tsconfig includes and which change how `tsc` reads query results: keep none of ours.
const TYPES_DIR = path.join(root, ".medusa", "types")
const hadTypes = fs.existsSync(TYPES_DIR)

const started = Date.now()
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`
const step = (message) => console.log(`\n==> [${elapsed()}] ${message}`)

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean)
  return candidates.find((candidate) => fs.existsSync(candidate)) ?? null
}

function ensureChromium() {
  let chromium = findChromium()
  if (chromium) return chromium
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0
  const hasApt = spawnSync("sh", ["-c", "command -v apt-get"]).status === 0
  if (isRoot && hasApt) {
    step("Chromium is missing: apt-get install -y chromium")
    spawnSync("apt-get", ["install", "-y", "chromium"], { stdio: "inherit" })
    chromium = findChromium()
  }
  return chromium
}

async function main() {
  const chromium = ensureChromium()
  if (!chromium) {
    console.log(
      "test:admin skipped: Chromium is not installed and cannot be installed here " +
        "(needs root and apt-get: `apt-get install -y chromium`, or set CHROMIUM_PATH)."
    )
    process.exit(0)
  }
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => finish(130))

  const env = {
    ...process.env,
    MEDUSA_DISABLE_TELEMETRY: "true",
    NODE_OPTIONS: [process.env.NODE_OPTIONS, "--dns-result-order=ipv4first"].filter(Boolean).join(" "),
    ADMIN_AUTH_TYPE: "jwt",
    LOG_LEVEL: process.env.LOG_LEVEL || "warn",
  }
  fs.mkdirSync(SHOTS_DIR, { recursive: true })

  step("Test database")
  env.DATABASE_URL = await prepareDatabase()

  step("medusa db:migrate")
  await runMedusa(["db:migrate", "--execute-safe-links", "--execute-safe-search"], env)
  step("Seeding the demo store")
  fs.rmSync(SUMMARY_FILE, { force: true })
  await runMedusa(["exec", "./src/scripts/seed-demo.ts"], { ...env, DEMO_SUMMARY_FILE: SUMMARY_FILE })
  const summary = JSON.parse(fs.readFileSync(SUMMARY_FILE, "utf8"))

  const adminDir = path.join(root, ".medusa", "admin")
  if (process.env.ADMIN_TEST_SKIP_BUILD && fs.existsSync(path.join(adminDir, "index.html"))) {
    step("Reusing the last admin build (ADMIN_TEST_SKIP_BUILD)")
  } else {
    step("medusa build --admin-only")
    const buildStart = Date.now()
    await runMedusa(["build", "--admin-only"], env)
    console.log(`admin built in ${((Date.now() - buildStart) / 1000).toFixed(1)} s`)
  }
  // `medusa start` in production serves the admin from ./public/admin.
  const publicAdmin = path.join(root, "public", "admin")
  fs.rmSync(publicAdmin, { recursive: true, force: true })
  fs.mkdirSync(path.dirname(publicAdmin), { recursive: true })
  fs.cpSync(adminDir, publicAdmin, { recursive: true })

  const port = await findFreePort(Number(process.env.ADMIN_TEST_PORT || 9110))
  const baseUrl = `http://localhost:${port}`
  step(`medusa start (production) on ${baseUrl}`)
  server = spawn(process.execPath, [medusaCli, "start", "--port", String(port)], {
    cwd: root,
    env: { ...env, NODE_ENV: "production", ADMIN_CORS: baseUrl, AUTH_CORS: baseUrl, STORE_CORS: baseUrl },
    stdio: ["ignore", "inherit", "inherit"],
  })
  await waitForHealth(port)

  step("An order with points (Store API checkout, points applied, payment captured)")
  const { placeOrderWithPoints } = require("./admin-e2e/order")
  const order = await placeOrderWithPoints(baseUrl, summary)
  console.log(`order ${order.id}: ${order.redeemed} points redeemed, ${order.earned} earned`)

  step("Headless Chromium")
  const { runSteps } = require("./admin-e2e/steps")
  const failures = await runSteps({ chromium, baseUrl, summary, order, shotsDir: SHOTS_DIR })
  console.log(`\nScreenshots: ${path.relative(root, SHOTS_DIR)}/`)
  console.log(`test:admin ${failures ? `FAILED (${failures} step(s))` : "passed"} in ${elapsed()}`)
  if (process.env.ADMIN_TEST_KEEP) {
    console.log(`The store keeps running on ${baseUrl}/app (Ctrl-C stops it).`)
    return
  }
  await finish(failures ? 1 : 0)
}

async function prepareDatabase() {
  const { Client } = require("pg")
  let config
  if (isDatabaseConfigured() && process.env.DB_HOST) {
    config = {
      host: process.env.DB_HOST,
      port: Number(process.env.DB_PORT || 5432),
      user: process.env.DB_USERNAME || "postgres",
      password: process.env.DB_PASSWORD || undefined,
    }
  } else if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL)
    config = { host: url.hostname, port: Number(url.port || 5432), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) || undefined }
  } else {
    database = await startEmbeddedPostgres({
      dataDir: path.join(DATA_DIR, "admin-pg"),
      preferredPort: 54350,
      persistent: false,
      detached: true,
    })
    config = { host: database.host, port: database.port, user: database.user, password: database.password }
    console.log(`Embedded PostgreSQL on localhost:${database.port}`)
  }
  const client = new Client({ ...config, database: "postgres" })
  await client.connect()
  await client.query(`DROP DATABASE IF EXISTS "${DATABASE_NAME}"`)
  await client.query(`CREATE DATABASE "${DATABASE_NAME}"`)
  await client.end()
  createdDatabase = { config, name: DATABASE_NAME }
  const auth = config.password
    ? `${encodeURIComponent(config.user)}:${encodeURIComponent(config.password)}`
    : encodeURIComponent(config.user)
  const host = config.host === "127.0.0.1" ? "localhost" : config.host
  console.log(`database ${DATABASE_NAME} on ${host}:${config.port}`)
  return `postgres://${auth}@${host}:${config.port}/${DATABASE_NAME}`
}

function runMedusa(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [medusaCli, ...args], { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] })
    child.on("error", reject)
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`medusa ${args.join(" ")} failed (${signal ?? `exit code ${code}`})`))
    )
  })
}

async function waitForHealth(port) {
  const deadline = Date.now() + 180000
  for (;;) {
    if (server.exitCode !== null) throw new Error(`medusa start exited with ${server.exitCode}`)
    const ok = await new Promise((resolve) => {
      const request = http.get({ host: "127.0.0.1", port, path: "/health", timeout: 2000 }, (res) => {
        res.resume()
        resolve(res.statusCode === 200)
      })
      request.on("timeout", () => request.destroy())
      request.on("error", () => resolve(false))
    })
    if (ok) return
    if (Date.now() > deadline) throw new Error("medusa start did not answer /health within 180 s")
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
}

let finishing = false
async function finish(code) {
  if (finishing) return
  finishing = true
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve))
    server.kill("SIGTERM")
    const force = setTimeout(() => server.kill("SIGKILL"), 10000)
    await exited
    clearTimeout(force)
  }
  fs.rmSync(path.join(root, "public"), { recursive: true, force: true })
  if (!hadTypes) fs.rmSync(TYPES_DIR, { recursive: true, force: true })
  if (createdDatabase && !database) {
    const { Client } = require("pg")
    const client = new Client({ ...createdDatabase.config, database: "postgres" })
    await client
      .connect()
      .then(() => client.query(`DROP DATABASE IF EXISTS "${createdDatabase.name}" WITH (FORCE)`))
      .catch(() => {})
      .finally(() => client.end().catch(() => {}))
  }
  if (database) await database.stop().catch(() => {})
  process.exit(code)
}

main().catch(async (error) => {
  console.error(`\ntest:admin failed: ${error.stack || error.message}`)
  await finish(1)
})
