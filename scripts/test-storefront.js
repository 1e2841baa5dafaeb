#!/usr/bin/env node
/* global document */
/**
 * `npm run test:storefront`: the storefront kit in a real browser.
 *
 *  1. Chromium: /usr/bin/chromium (or CHROMIUM_PATH); when missing, `apt-get install -y
 *     chromium` is tried as root. When it still is missing the test says so and exits 0.
 *  2. A fresh database (DATABASE_URL's server, else DB_HOST..., else an embedded
 *     PostgreSQL), migrated and seeded with the demo store (src/scripts/seed-demo.ts),
 *     then `medusa start` on a free port with the admin off.
 *  3. The example storefront (examples/storefront, Vite + React 18, the kit imported as
 *     `medusa-loyalty-points/storefront`) built with Vite and served with a config.json
 *     naming the store.
 *  4. Headless Chromium (playwright-core): sign in as the demo shopper, read the balance,
 *     add a product, apply points with the cart control, see the discount, remove it and
 *     see the hold released, apply again, place the order, see the balance lowered by the
 *     points spent. Screenshots in .storefront-screenshots/ (git-ignored).
 *
 * REMOVE_VIA=control removes with the control's button (DELETE
 * /store/carts/:id/loyalty-points); REMOVE_VIA=promotions with the cart summary's
 * starter-style code removal (DELETE /store/carts/:id/promotions).
 * Default: promotions once the plugin releases the hold when its code is removed through
 * Medusa's own promotion routes (src/workflows/redemption/utils/release-hold-of-codes.ts),
 * control before that.
 * Exits non-zero when a step fails; --keep keeps the database.
 */
const { spawn, spawnSync } = require("child_process")
const fs = require("fs")
const http = require("http")
const os = require("os")
const path = require("path")
const { startEmbeddedPostgres, findFreePort } = require("./lib/database")

const root = path.resolve(__dirname, "..")
const exampleDir = path.join(root, "examples", "storefront")
const shotsDir = path.join(root, ".storefront-screenshots")
const KEEP = process.argv.includes("--keep")
const STARTER_REMOVAL_RELEASES = fs.existsSync(path.join(root, "src/workflows/redemption/utils/release-hold-of-codes.ts"))
const REMOVE_VIA = process.env.REMOVE_VIA || (STARTER_REMOVAL_RELEASES ? "promotions" : "control")
const STARTED = Date.now()
const cleanups = []
const elapsed = () => `${((Date.now() - STARTED) / 1000).toFixed(0)}s`
const step = (title) => console.log(`\n=== ${title}  [${elapsed()}]`)

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean)
  const found = candidates.find((candidate) => fs.existsSync(candidate))
  if (found) return found
  if (process.getuid?.() === 0 && fs.existsSync("/usr/bin/apt-get")) {
    console.log("Chromium is missing: apt-get install -y chromium ...")
    const install = spawnSync("apt-get", ["install", "-y", "chromium"], { stdio: "inherit", timeout: 10 * 60 * 1000 })
    if (install.status === 0 && fs.existsSync("/usr/bin/chromium")) return "/usr/bin/chromium"
  }
  return null
}

async function databaseUrl() {
  const name = `loyalty_storefront_${process.pid}`
  let serverUrl
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL)
    url.pathname = "/postgres"
    serverUrl = url.toString()
  } else if (process.env.DB_HOST) {
    const e = process.env
    const auth = `${encodeURIComponent(e.DB_USERNAME || "postgres")}${e.DB_PASSWORD ? `:${encodeURIComponent(e.DB_PASSWORD)}` : ""}`
    serverUrl = `postgres://${auth}@${e.DB_HOST}:${e.DB_PORT || 5432}/postgres`
  } else {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "loyalty-storefront-pg-"))
    fs.chmodSync(dataDir, 0o755)
    const database = await startEmbeddedPostgres({ dataDir, preferredPort: 54390, persistent: false })
    cleanups.push(async () => {
      await database.stop()
      fs.rmSync(dataDir, { recursive: true, force: true })
    })
    serverUrl = `postgres://${database.user}:${database.password}@localhost:${database.port}/postgres`
  }
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

function medusa(args, env, options = {}) {
  const cli = require.resolve("@medusajs/cli/cli.js", { paths: [root] })
  return spawn(process.execPath, [cli, ...args], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true, ...options })
}

function runMedusa(args, env) {
  return new Promise((resolve, reject) => {
    const child = medusa(args, env)
    let output = ""
    child.stdout.on("data", (chunk) => (output += chunk))
    child.stderr.on("data", (chunk) => (output += chunk))
    child.on("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`medusa ${args[0]} exited ${code}\n${output.slice(-3000)}`))))
  })
}

function get(port, urlPath) {
  return new Promise((resolve) => {
    const request = http.get({ host: "127.0.0.1", port, path: urlPath, timeout: 2000 }, (res) => {
      res.resume()
      resolve(res.statusCode)
    })
    request.on("error", () => resolve(null))
    request.on("timeout", () => request.destroy())
  })
}

/** Serves the built example and its config.json. */
function serveExample(port, config) {
  const dist = path.join(exampleDir, "dist")
  const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json" }
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, "http://x").pathname)
    if (urlPath === "/config.json") {
      res.writeHead(200, { "content-type": "application/json" })
      return res.end(JSON.stringify(config))
    }
    let file = path.join(dist, urlPath === "/" ? "index.html" : urlPath)
    if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(dist, "index.html")
    res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" })
    fs.createReadStream(file).pipe(res)
  })
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)))
}

async function main() {
  step("1. Chromium")
  const chromium = findChromium()
  if (!chromium) {
    console.log("SKIPPED: no Chromium on this machine and it could not be installed (apt-get install -y chromium).")
    return 0
  }
  console.log(`  ${chromium}`)

  step("2. the demo store on a test database")
  const apiPort = await findFreePort(9600)
  const webPort = await findFreePort(9700)
  const webOrigin = `http://localhost:${webPort}`
  const env = {
    ...process.env,
    DATABASE_URL: await databaseUrl(),
    MEDUSA_DISABLE_TELEMETRY: "true",
    MEDUSA_ADMIN_DISABLED: "true",
    STORE_CORS: webOrigin,
    AUTH_CORS: webOrigin,
    NODE_OPTIONS: [process.env.NODE_OPTIONS, "--dns-result-order=ipv4first"].filter(Boolean).join(" "),
    LOG_LEVEL: "warn",
  }
  delete env.LOYALTY_POINTS_OTP_THRESHOLD
  await runMedusa(["db:migrate"], env)
  console.log(`  migrated [${elapsed()}]`)
  const summaryFile = path.join(os.tmpdir(), `loyalty-storefront-${process.pid}.json`)
  await runMedusa(["exec", "./src/scripts/seed-demo.ts"], { ...env, DEMO_SUMMARY_FILE: summaryFile })
  const summary = JSON.parse(fs.readFileSync(summaryFile, "utf8"))
  fs.rmSync(summaryFile, { force: true })
  console.log(`  seeded: shopper ${summary.shopper.email} with ${summary.points.balance} points [${elapsed()}]`)
  const server = medusa(["start", "--port", String(apiPort)], env)
  let serverOutput = ""
  server.stdout.on("data", (chunk) => (serverOutput += chunk))
  server.stderr.on("data", (chunk) => (serverOutput += chunk))
  cleanups.push(
    () =>
      new Promise((resolve) => {
        if (server.exitCode !== null) return resolve()
        server.on("exit", resolve)
        try {
          process.kill(-server.pid, "SIGTERM")
        } catch {
          resolve()
        }
      })
  )
  const deadline = Date.now() + 180000
  while ((await get(apiPort, "/health")) !== 200) {
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`medusa start failed\n${serverOutput.slice(-3000)}`)
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  console.log(`  http://localhost:${apiPort} answers [${elapsed()}]`)

  step("3. the example storefront (Vite build)")
  const { build } = await import("vite")
  await build({ configFile: path.join(exampleDir, "vite.config.mjs"), logLevel: "warn" })
  const web = await serveExample(webPort, {
    baseUrl: `http://localhost:${apiPort}`,
    publishableKey: summary.publishable_api_key,
    regionId: summary.regions.usd,
  })
  cleanups.push(() => new Promise((resolve) => web.close(resolve)))
  console.log(`  ${webOrigin} [${elapsed()}]`)

  step(`4. the shopper in Chromium (removal via ${REMOVE_VIA})`)
  const { chromium: pw } = require("playwright-core")
  const browser = await pw.launch({
    executablePath: chromium,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  })
  cleanups.push(() => browser.close())
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } })
  const pageErrors = []
  page.on("pageerror", (error) => pageErrors.push(error.message))
  fs.mkdirSync(shotsDir, { recursive: true })
  let shot = 0
  const screenshot = async (name) => {
    const file = path.join(shotsDir, `${String(++shot).padStart(2, "0")}-${name}.png`)
    await page.screenshot({ path: file, fullPage: true })
  }
  const number = (text) => Number(String(text).replace(/[^0-9.-]/g, ""))
  const ok = (condition, message) => {
    if (!condition) throw new Error(`FAILED: ${message}`)
    console.log(`  ok   ${message}`)
  }
  /** The account figures as the page shows them. */
  const figures = async () => {
    const account = page.locator('[data-loyalty="account"][data-state="ready"]')
    await account.waitFor()
    return {
      balance: number(await account.locator('[data-loyalty="balance"]').innerText()),
      available: number(await account.locator('[data-loyalty="available"]').innerText()),
      held: (await account.locator('[data-loyalty="held"]').count()) ? number(await account.locator('[data-loyalty="held"]').innerText()) : 0,
    }
  }
  const cart = page.locator('[data-testid="cart"]')
  const control = page.locator('[data-loyalty="cart"]')

  await page.goto(webOrigin)
  await page.locator('[data-testid="sign-in"] input[name="email"]').fill(summary.shopper.email)
  await page.locator('[data-testid="sign-in"] input[name="password"]').fill(summary.shopper.password)
  await screenshot("sign-in")
  await page.locator('[data-testid="sign-in"] button[type="submit"]').click()
  const start = await figures()
  ok(start.balance === summary.points.balance, `signed in; the page shows the balance ${start.balance} (seeded ${summary.points.balance})`)
  await page.locator('[data-loyalty="history"] [data-loyalty="entry"]').first().waitFor()
  ok((await page.locator('[data-loyalty="history"] [data-loyalty="entry"]').count()) > 0, "the history lists entries")
  await screenshot("account")

  await page.locator('[data-testid="add-to-cart"]').first().click()
  await control.locator('[data-loyalty="apply"]').waitFor()
  const subtotal = number(await cart.locator('[data-testid="item-subtotal"]').innerText())
  const max = Number(await control.locator('[data-loyalty="points-input"]').getAttribute("max"))
  ok(subtotal > 0 && max > 0, `a product in the cart (${subtotal}); the control allows up to ${max} points`)
  const points = Math.min(max, 500)
  await control.locator('[data-loyalty="points-input"]').fill(String(points))
  await screenshot("cart-before-apply")

  const apply = async () => {
    await control.locator('[data-loyalty="apply"]').click()
    await control.locator('[data-loyalty="applied-points"]').waitFor()
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="discount-total"]')?.textContent?.replace(/[^0-9.]/g, "")) > 0
    )
    const applied = number(await control.locator('[data-loyalty="applied-points"]').innerText())
    const discount = number(await cart.locator('[data-testid="discount-total"]').innerText())
    return { applied, discount }
  }
  const first = await apply()
  ok(first.applied === points, `applied ${points} points with the control`)
  ok(Math.abs(first.discount - points * 0.01) < 0.001, `the cart shows the discount ${first.discount} (= ${points} x 0.01)`)
  ok((await cart.locator('[data-testid="promotion"][data-loyalty="true"] dt').innerText()) === "Loyalty points", 'the discount line reads "Loyalty points"')
  await screenshot("points-applied")

  if (REMOVE_VIA === "promotions") {
    await cart.locator('[data-testid="promotion"][data-loyalty="true"] [data-testid="remove-promotion"]').click()
  } else {
    await control.locator('[data-loyalty="remove"]').click()
  }
  await page.waitForFunction(() => !document.querySelector('[data-testid="promotion"][data-loyalty="true"]'))
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid="discount-total"]')?.textContent?.replace(/[^0-9.]/g, "")) === 0
  )
  // The control re-reads the cart's points when the codes change (the summary's removal): wait for it.
  const settled = (predicate, arg) =>
    page.waitForFunction(predicate, arg, { timeout: 15000 }).then(
      () => true,
      () => false
    )
  ok(
    await settled(() => document.querySelector('[data-loyalty="cart"]')?.getAttribute("data-applied") === "false"),
    "the discount is removed"
  )
  const released = await settled(
    (expected) =>
      Number(document.querySelector('[data-loyalty="cart"] [data-loyalty="available"]')?.textContent?.replace(/[^0-9]/g, "")) === expected,
    start.available
  )
  ok(
    released,
    `the hold is released: ${start.available} points available again (shows ${number(await control.locator('[data-loyalty="available"]').innerText())})`
  )
  await screenshot("points-removed")

  await control.locator('[data-loyalty="points-input"]').fill(String(points))
  const second = await apply()
  ok(second.applied === points && second.discount === first.discount, `applied ${points} points again`)
  ok(
    number(await control.locator('[data-loyalty="available"]').innerText()) === start.available - points,
    `held: ${start.available - points} available while the cart holds ${points}`
  )
  await screenshot("points-applied-again")

  await page.locator('[data-testid="place-order"]').click()
  await page.locator('[data-testid="order-placed"]').waitFor({ timeout: 60000 })
  ok(true, `order placed: ${await page.locator('[data-testid="order-placed"]').innerText()}`)
  const end = await figures()
  ok(end.balance === start.balance - points, `the balance is lowered by the points spent: ${start.balance} -> ${end.balance}`)
  ok(end.held === 0, "nothing is held any more")
  await page.locator('[data-loyalty="entry"][data-type="redeem"]').first().waitFor()
  ok(true, "the history shows the redemption")
  await screenshot("order-placed")
  ok(pageErrors.length === 0, `no errors in the page${pageErrors.length ? `: ${pageErrors.join("; ")}` : ""}`)
  console.log(`\nScreenshots in ${path.relative(root, shotsDir)}/`)
  return 0
}

main()
  .then(
    (code) => code,
    (error) => {
      console.error(`\n${error.stack || error.message}`)
      return 1
    }
  )
  .then(async (code) => {
    for (const cleanup of cleanups.reverse()) {
      await Promise.resolve()
        .then(cleanup)
        .catch((error) => console.error(`cleanup: ${error.message}`))
    }
    console.log(`\ntest:storefront ${code ? "FAILED" : "passed"} in ${elapsed()}`)
    process.exit(code)
  })
