#!/usr/bin/env node
/**
 * `npm run check:install`: installs the plugin the ways the README tells a merchant to,
 * each into a scratch Medusa store with a real `npm install`, then migrates and boots it.
 *
 *  1. Which Medusa releases: the stable `@medusajs/medusa` versions on the npm registry
 *     that satisfy the package's peer range; the lowest and the newest are checked (one
 *     store when they are the same). Offline, the version in node_modules is used.
 *  2. `medusa plugin:build` and `npm pack`.
 *  3. Per version, a store whose package.json has the `@medusajs/*` packages at that
 *     version and the tarball; `npm install --prefer-offline` (npm's cache serves a
 *     machine without network); `medusa db:migrate` on a fresh database; the plugin's
 *     health check through `medusa exec` (migrations applied, options valid, hooks
 *     loaded); `medusa start` must answer /health.
 *  4. From source: a `git clone` of this repository's HEAD (no node_modules, no
 *     .medusa), installed into the newest store with `npm install --install-links
 *     <path>`: npm runs the `prepare` script, which builds `.medusa/server`; then the
 *     store migrates, passes the health check and boots again.
 *
 * Database: DATABASE_URL's server, else DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD, else an
 * embedded PostgreSQL; one fresh database per store, dropped afterwards.
 * Flags: --keep  keep the temp folder and databases;  --skip-git  only the tarball stores.
 * Exits non-zero when a check fails.
 */
const { spawn, spawnSync } = require("child_process")
const fs = require("fs")
const http = require("http")
const os = require("os")
const path = require("path")
const semver = require("semver")
const { startEmbeddedPostgres, findFreePort } = require("./lib/database")

const root = path.resolve(__dirname, "..")
const pkg = require(path.join(root, "package.json"))
const args = new Set(process.argv.slice(2))
const KEEP = args.has("--keep")
const SKIP_GIT = args.has("--skip-git")
const OPTIONS = { program: { earn_rates: { usd: 0.5 }, redemption_values: { usd: 0.01 } } }
const STARTED = Date.now()

const failures = []
const cleanups = []
const baseEnv = {
  ...process.env,
  MEDUSA_DISABLE_TELEMETRY: "true",
  NODE_OPTIONS: [process.env.NODE_OPTIONS, "--dns-result-order=ipv4first"].filter(Boolean).join(" "),
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
}
// A child npm must not think it runs inside this repository's npm script.
for (const key of Object.keys(baseEnv)) {
  if (/^npm_(package|lifecycle)_/.test(key) || key === "INIT_CWD") delete baseEnv[key]
}

const elapsed = (since) => `${((Date.now() - since) / 1000).toFixed(0)}s`
const step = (title) => console.log(`\n=== ${title}  [${elapsed(STARTED)}]`)
function check(condition, message, detail) {
  console.log(`  ${condition ? "ok  " : "FAIL"} ${message}${!condition && detail ? `\n${detail}` : ""}`)
  if (!condition) failures.push(message)
  return condition
}
function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: options.timeoutMs ?? 10 * 60 * 1000,
    cwd: options.cwd,
    env: { ...baseEnv, ...(options.env || {}) },
  })
  return { status: result.status ?? 1, output: `${result.stdout || ""}${result.stderr || ""}`, stdout: result.stdout || "" }
}
const tail = (text, lines = 20) =>
  text
    .split("\n")
    .filter((line) => line.trim() && !/^\s+at /.test(line))
    .slice(-lines)
    .map((line) => `       | ${line}`)
    .join("\n")

/* ------------------------------------------------------------ versions */

function medusaVersions() {
  step("1. Medusa releases the peer range claims")
  const range = pkg.peerDependencies["@medusajs/medusa"]
  const view = run("npm", ["view", `@medusajs/medusa@${range}`, "version", "--json", "--prefer-online"], { timeoutMs: 60000 })
  let versions = []
  try {
    const parsed = JSON.parse(view.stdout || "null")
    versions = (Array.isArray(parsed) ? parsed : parsed ? [parsed] : []).filter((v) => !semver.prerelease(v))
  } catch {}
  if (!versions.length) {
    const installed = require(path.join(root, "node_modules/@medusajs/medusa/package.json")).version
    console.log(`  registry unreachable (${tail(view.output, 1).trim()}); using the installed ${installed}`)
    versions = [installed]
  }
  versions.sort(semver.compare)
  const picked = [...new Set([versions[0], versions[versions.length - 1]])]
  console.log(`  peer range "${range}": ${versions.join(", ")} on the registry; checking ${picked.join(" and ")}`)
  for (const v of picked) check(semver.satisfies(v, range), `${v} satisfies ${range}`)
  return picked
}

/* ------------------------------------------------------------ build, pack */

function buildAndPack(workDir) {
  step("2. medusa plugin:build, npm pack")
  let started = Date.now()
  const build = run(path.join(root, "node_modules/.bin/medusa"), ["plugin:build"], { cwd: root })
  if (!check(build.status === 0, `plugin:build (${elapsed(started)})`, tail(build.output))) return null
  started = Date.now()
  const pack = run("npm", ["pack", "--json", "--pack-destination", workDir, "--ignore-scripts"], { cwd: root })
  if (!check(pack.status === 0, `npm pack (${elapsed(started)})`, tail(pack.output))) return null
  const [info] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf("[")))
  const files = info.files.map((file) => file.path)
  check(files.includes("LICENSE"), "the tarball carries LICENSE")
  check(
    files.some((file) => file.startsWith(".medusa/server/src/storefront/")) || !fs.existsSync(path.join(root, "src/storefront")),
    "the tarball carries the storefront kit"
  )
  return path.join(workDir, info.filename)
}

/* ------------------------------------------------------------ database */

async function databaseServer(workDir) {
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL)
    url.pathname = "/postgres"
    return url.toString()
  }
  if (process.env.DB_HOST) {
    const e = process.env
    const auth = `${encodeURIComponent(e.DB_USERNAME || "postgres")}${e.DB_PASSWORD ? `:${encodeURIComponent(e.DB_PASSWORD)}` : ""}`
    return `postgres://${auth}@${e.DB_HOST}:${e.DB_PORT || 5432}/postgres`
  }
  fs.chmodSync(workDir, 0o755)
  const database = await startEmbeddedPostgres({ dataDir: path.join(workDir, "pg"), preferredPort: 54380, persistent: false })
  cleanups.push(() => database.stop())
  return `postgres://${database.user}:${database.password}@localhost:${database.port}/postgres`
}

async function freshDatabase(serverUrl, name) {
  const { Client } = require("pg")
  const admin = new Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS "${name}"`)
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
  if (!KEEP) {
    cleanups.push(async () => {
      const client = new Client({ connectionString: serverUrl })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await client.end()
    })
  }
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/* ------------------------------------------------------------ a store */

const STORE_CONFIG = `import { defineConfig } from "@medusajs/framework/utils"

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: { storeCors: "*", adminCors: "*", authCors: "*", jwtSecret: "supersecret", cookieSecret: "supersecret" },
  },
  admin: { disable: true },
  plugins: [{ resolve: "${pkg.name}", options: ${JSON.stringify(OPTIONS)} }],
})
`

function writeStore(dir, version, pluginSpec) {
  fs.mkdirSync(dir, { recursive: true })
  const medusa = (name) => [name, version]
  const store = {
    name: `loyalty-install-check-${version.replace(/\./g, "-")}`,
    version: "0.0.0",
    private: true,
    dependencies: {
      ...Object.fromEntries(["@medusajs/admin-sdk", "@medusajs/cli", "@medusajs/framework", "@medusajs/medusa"].map(medusa)),
      ...(pluginSpec ? { [pkg.name]: pluginSpec } : {}),
    },
    devDependencies: {
      "@swc/core": pkg.devDependencies["@swc/core"],
      "@types/node": pkg.devDependencies["@types/node"],
      "ts-node": pkg.devDependencies["ts-node"],
      typescript: pkg.devDependencies.typescript,
      react: pkg.devDependencies.react,
      "react-dom": pkg.devDependencies["react-dom"],
    },
  }
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(store, null, 2))
  fs.writeFileSync(path.join(dir, "medusa-config.ts"), STORE_CONFIG)
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { target: "ES2021", module: "Node16", moduleResolution: "Node16", esModuleInterop: true, skipLibCheck: true, experimentalDecorators: true, emitDecoratorMetadata: true, jsx: "react-jsx", outDir: "./.medusa/server" },
      include: ["**/*"],
      exclude: ["node_modules", ".medusa"],
    })
  )
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

async function boots(store, env) {
  const port = await findFreePort(9500)
  const child = spawn(path.join(store, "node_modules/.bin/medusa"), ["start"], {
    cwd: store,
    env: { ...baseEnv, ...env, PORT: String(port) },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  })
  let output = ""
  child.stdout.on("data", (chunk) => (output += chunk))
  child.stderr.on("data", (chunk) => (output += chunk))
  let exited = false
  child.on("exit", () => (exited = true))
  const started = Date.now()
  let healthy = false
  while (!exited && Date.now() - started < 180000) {
    if ((await getStatus(port, "/health")) === 200) {
      healthy = true
      break
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  // The plugin's admin route exists (401 without a token, not 404).
  const adminRoute = healthy ? await getStatus(port, "/admin/loyalty-points/health") : null
  try {
    process.kill(-child.pid, "SIGTERM")
  } catch {}
  await new Promise((resolve) => (exited ? resolve() : child.on("exit", resolve)))
  return { healthy, adminRoute, seconds: elapsed(started), output }
}

async function checkStore(label, store, serverUrl, dbName) {
  const medusa = path.join(store, "node_modules/.bin/medusa")
  const env = { DATABASE_URL: await freshDatabase(serverUrl, dbName) }
  let started = Date.now()
  const migrate = run(medusa, ["db:migrate"], { cwd: store, env })
  check(migrate.status === 0 && /loyalty_points/.test(migrate.output), `${label}: medusa db:migrate ran the plugin's migrations (${elapsed(started)})`, tail(migrate.output))
  started = Date.now()
  const healthScript = path.join(store, "node_modules", pkg.name, ".medusa/server/src/exec/health.js")
  const health = run(medusa, ["exec", healthScript], { cwd: store, env })
  check(
    health.status === 0 && /LOYALTY_POINTS_HEALTHY=true/.test(health.output),
    `${label}: medusa exec .../exec/health.js says healthy (${elapsed(started)})`,
    tail(health.output)
  )
  // The storefront entry loads without any server package (what a storefront bundles).
  const kit = run(
    process.execPath,
    ["-e", `const kit = require("${pkg.name}/storefront"); const server = Object.keys(require.cache).filter((f) => /node_modules[\\/]@medusajs[\\/]/.test(f)); console.log("KIT=" + JSON.stringify({ fns: typeof kit.applyLoyaltyPoints, ui: typeof kit.CartLoyaltyPoints, server: server.length }))`],
    { cwd: store }
  )
  check(
    /KIT=\{"fns":"function","ui":"function","server":0\}/.test(kit.output),
    `${label}: require("${pkg.name}/storefront") gives the kit and loads no @medusajs package`,
    tail(kit.output)
  )
  for (const line of health.output.split("\n").filter((l) => /^(ok {2}|FAIL|warn) /.test(l))) console.log(`       ${line}`)
  const server = await boots(store, env)
  check(server.healthy, `${label}: medusa start answers /health (${server.seconds})`, tail(server.output))
  check(server.adminRoute === 401, `${label}: GET /admin/loyalty-points/health is served (401 without a token, got ${server.adminRoute})`)
}

function npmInstall(label, store, extraArgs = []) {
  const started = Date.now()
  const install = run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", ...extraArgs], { cwd: store, timeoutMs: 15 * 60 * 1000 })
  check(install.status === 0, `${label}: npm install ${extraArgs.join(" ")} (${elapsed(started)})`, tail(install.output, 30))
  return install
}

/* ------------------------------------------------------------ main */

async function main() {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "loyalty-install-check-"))
  console.log(`Working in ${workDir}`)
  try {
    const versions = medusaVersions()
    const tarball = buildAndPack(workDir)
    if (!tarball) return
    const serverUrl = await databaseServer(workDir)
    let newestStore = null
    for (const version of versions) {
      step(`3. store on Medusa ${version} with the tarball`)
      const store = path.join(workDir, `store-${version}`)
      writeStore(store, version, `file:${tarball}`)
      if (npmInstall(`medusa ${version}`, store).status !== 0) continue
      const installed = require(path.join(store, "node_modules/@medusajs/framework/package.json")).version
      check(installed === version, `the store runs @medusajs/framework ${installed}`)
      await checkStore(`medusa ${version}`, store, serverUrl, `loyalty_install_${version.replace(/\W/g, "_")}_${process.pid}`)
      newestStore = store
    }
    if (SKIP_GIT || !newestStore) return
    step("4. from a git checkout: npm install --install-links <path>")
    const clone = path.join(workDir, "checkout")
    const cloned = run("git", ["clone", "--quiet", "--no-hardlinks", root, clone])
    if (!check(cloned.status === 0, `git clone of HEAD ${run("git", ["rev-parse", "--short", "HEAD"], { cwd: root }).stdout.trim()}`, cloned.output)) return
    check(!fs.existsSync(path.join(clone, ".medusa")), "the checkout has no .medusa (git-ignored)")
    const uninstall = run("npm", ["uninstall", "--no-audit", "--no-fund", pkg.name], { cwd: newestStore })
    check(uninstall.status === 0, "the tarball's copy uninstalled", tail(uninstall.output))
    const install = npmInstall("git checkout", newestStore, ["--install-links", "--foreground-scripts", clone])
    check(/prepare: building \.medusa\/server/.test(install.output), "npm ran prepare, which built .medusa/server", tail(install.output))
    const installedPkg = path.join(newestStore, "node_modules", pkg.name)
    check(
      fs.existsSync(path.join(installedPkg, ".medusa/server/src/modules/loyalty-points/index.js")) && !fs.lstatSync(installedPkg).isSymbolicLink(),
      "the store holds a built copy (not a link) of the checkout"
    )
    await checkStore("git checkout", newestStore, serverUrl, `loyalty_install_git_${process.pid}`)
  } finally {
    for (const cleanup of cleanups.reverse()) {
      await Promise.resolve().then(cleanup).catch((error) => console.error(`cleanup: ${error.message}`))
    }
    if (KEEP) console.log(`\nKept ${workDir}`)
    else fs.rmSync(workDir, { recursive: true, force: true })
  }
}

main()
  .then(() => {
    console.log(`\n${failures.length ? `${failures.length} check(s) failed` : "All install checks passed"} in ${elapsed(STARTED)}.`)
    for (const failure of failures) console.log(`  - ${failure}`)
    process.exit(failures.length ? 1 : 0)
  })
  .catch((error) => {
    console.error(error)
    process.exit(1)
  })
