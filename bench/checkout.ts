/**
 * npm run bench:checkout: what the plugin costs on the checkout path, and how it holds
 * under concurrent redemptions, single process and as a Redis cluster.
 *
 * 1. One database, migrated and seeded (demo seed), stock raised.
 * 2. Single process: a store WITHOUT the plugin (a scratch app with no plugin module and
 *    no plugin code) and the store WITH it (this repository) run side by side on that
 *    database. Completions are timed interleaved (without plugin, with plugin and no
 *    points, with points applied) so both see the same machine load: 50 each after 5
 *    warm-ups. Only POST /store/carts/:id/complete is timed; carts are prepared before.
 * 3. Load: 50 concurrent full checkouts (cart, item, address, shipping, apply 250 points,
 *    payment session, complete) from 10 shoppers of 1,000 points each (5 checkouts each:
 *    4 hold 1,000 points, the 5th gets a 409 and checks out without points), then the 50
 *    payments captured at once. Checked: per shopper, redeemed = held = at most 1,000, no
 *    negative balance, reconcile() finds no variance. Measured: checkouts per second,
 *    order creation -> earn_pending entry, capture -> earn entry (database timestamps).
 * 4. The same load against a cluster: private redis-server, one server and one worker
 *    process (MEDUSA_CLUSTER=true).
 *
 * Env: DB_HOST & co. or DATABASE_URL (PostgreSQL server; else an embedded one through
 * scripts/with-database.js), BENCH_COMPLETIONS (50), BENCH_CHECKOUTS (50),
 * BENCH_SKIP_CLUSTER=true. Exit 2 when a correctness check fails.
 */
import fs from "fs"
import os from "os"
import path from "path"
import { spawnSync } from "child_process"
import { CheckoutStore, createCart, orderPayments, placeOrder, preparePayment, registerShopper, storeHeaders } from "../integration-tests/helpers/checkout"
import { adminHeaders, demoCheckoutStore, HttpApi, httpApi } from "../integration-tests/helpers/http-store"
import { LedgerCheck, openLedger } from "../integration-tests/helpers/ledger-check"
import {
  baseEnv,
  createDatabase,
  DemoSummary,
  dropDatabase,
  migrateAndSeed,
  PrivateRedis,
  ROOT,
  StoreProcess,
} from "../integration-tests/helpers/store-processes"

const COMPLETIONS = Number(process.env.BENCH_COMPLETIONS || 50)
const WARMUP = 5
const CHECKOUTS = Number(process.env.BENCH_CHECKOUTS || 50)
const SHARED_CUSTOMERS = 10
const START_POINTS = 1000
const APPLY_POINTS = 250
const TARGET_RATIO = 1.1
const DB_NAME = `loyalty_bench_checkout_${process.pid}`

const now = () => Number(process.hrtime.bigint()) / 1e6
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
}
const ms = (value: number) => `${value.toFixed(0)} ms`
const problems: string[] = []
const check = (ok: boolean, message: string) => {
  if (!ok) problems.push(message)
}

/** An app directory with no plugin: Medusa's defaults only, the same secrets and database. */
function scratchAppWithoutPlugin(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "loyalty-bench-noplugin-"))
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir")
  // The CLI starts only where package.json depends on Medusa.
  const pkg = { name: "bench-store-without-plugin", private: true, dependencies: { "@medusajs/medusa": "2.21.2", "@medusajs/cli": "2.21.2" } }
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(pkg))
  const tsconfig = { compilerOptions: { target: "ES2021", module: "Node16", moduleResolution: "Node16", esModuleInterop: true, skipLibCheck: true } }
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig))
  fs.writeFileSync(
    path.join(dir, "medusa-config.js"),
    `const { defineConfig } = require("@medusajs/framework/utils")
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: { storeCors: "*", adminCors: "*", authCors: "*", jwtSecret: process.env.JWT_SECRET || "supersecret", cookieSecret: process.env.COOKIE_SECRET || "supersecret" },
  },
  admin: { disable: true },
})
`
  )
  return dir
}

type Shopper = { token: string; customer_id: string; email: string }
type AdminHeaders = { headers: Record<string, string> }

async function giveShopperPoints(api: HttpApi, admin: AdminHeaders, customerId: string, points: number) {
  await api.post(`/admin/customers/${customerId}/loyalty-points/adjustments`, { points, reason: "bench" }, admin)
}

/* ------------------------------------------------------------------ overhead */

async function measureOverhead(noPlugin: HttpApi, plugin: HttpApi, store: CheckoutStore, admin: AdminHeaders) {
  const shopper = await registerShopper(plugin, store, `bench-overhead-${Date.now()}@bench.test`)
  await giveShopperPoints(plugin, admin, shopper.customer_id, (COMPLETIONS + WARMUP) * 100)
  // A plain Medusa promotion worth what 100 points take off: separates what any discount
  // costs at completion (Medusa's promotion usage and order links) from the plugin's own work.
  const promoCode = `BENCH-1USD-${Date.now()}`
  await plugin.post(
    "/admin/promotions",
    {
      code: promoCode,
      type: "standard",
      status: "active",
      is_automatic: false,
      application_method: { type: "fixed", target_type: "order", allocation: "across", value: 1, currency_code: "usd" },
    },
    admin
  )
  const variants = [
    { name: "without plugin", api: noPlugin, points: 0, promo: null as string | null },
    { name: "plugin, no points", api: plugin, points: 0, promo: null },
    { name: "plugin, points applied (100 = 1 usd)", api: plugin, points: 100, promo: null },
    { name: "without plugin, a 1 usd promotion code", api: noPlugin, points: 0, promo: promoCode },
  ]
  const times: number[][] = variants.map(() => [])
  const total = COMPLETIONS + WARMUP
  // Carts are prepared on the store that completes them, just before, as a storefront would.
  for (let round = 0; round < total; round++) {
    for (let v = 0; v < variants.length; v++) {
      const { api, points, promo } = variants[v]
      const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 2 }] })
      if (points) {
        await api.post(`/store/carts/${cartId}/loyalty-points`, { points }, storeHeaders(store, shopper.token))
      }
      if (promo) {
        await api.post(`/store/carts/${cartId}/promotions`, { promo_codes: [promo] }, storeHeaders(store, shopper.token))
      }
      await preparePayment(api, store, cartId, shopper.token)
      const started = now()
      await placeOrder(api, store, cartId, shopper.token)
      if (round >= WARMUP) times[v].push(now() - started)
    }
  }
  return variants.map((variant, v) => ({ name: variant.name, p50: quantile(times[v], 0.5), p95: quantile(times[v], 0.95), n: times[v].length }))
}

/* ------------------------------------------------------------------ load */

type LoadResult = {
  label: string
  checkouts: number
  seconds: number
  withPoints: number
  refused: number
  pending: { p50: number; p95: number; n: number }
  spendable: { p50: number; p95: number; n: number }
  failures: string[]
  checked: string
}

async function runLoad(label: string, api: HttpApi, store: CheckoutStore, admin: AdminHeaders, ledger: LedgerCheck): Promise<LoadResult> {
  const shoppers: Shopper[] = []
  for (let i = 0; i < SHARED_CUSTOMERS; i++) {
    const shopper = await registerShopper(api, store, `bench-load-${label}-${i}-${Date.now()}@bench.test`)
    await giveShopperPoints(api, admin, shopper.customer_id, START_POINTS)
    shoppers.push(shopper)
  }
  let refused = 0
  let withPoints = 0
  const checkout = async (i: number) => {
    const shopper = shoppers[i % SHARED_CUSTOMERS]
    const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 5 }] })
    const applied = await api
      .post(`/store/carts/${cartId}/loyalty-points`, { points: APPLY_POINTS }, storeHeaders(store, shopper.token))
      .then(() => true)
      .catch((error: { response?: { status?: number } }) => {
        if (error.response?.status !== 409) throw error
        return false
      })
    if (applied) withPoints++
    else refused++
    await preparePayment(api, store, cartId, shopper.token)
    // An overloaded store may fail a completion: counted and reported, and what it held checked.
    const order = await placeOrder(api, store, cartId, shopper.token).catch((error: Error) => {
      failures.push(error.message.replace(/^Cart \S+ /, ""))
      return null
    })
    if (applied) appliedCarts.push(cartId)
    return order
  }
  const failures: string[] = []
  const appliedCarts: string[] = []
  const started = now()
  const orders = (await Promise.all(Array.from({ length: CHECKOUTS }, (_, i) => checkout(i)))).filter(
    (order): order is NonNullable<typeof order> => !!order
  )
  const seconds = (now() - started) / 1000

  // Capture every payment at once.
  const payments = await Promise.all(orders.map((order) => orderPayments(api, order.id, admin)))
  await Promise.all(payments.map(([payment]) => api.post(`/admin/payments/${payment.id}/capture`, {}, admin)))

  // Wait until every order earned (the worker, or the single process, handles the events).
  const orderIds = orders.map((order) => order.id)
  const deadline = Date.now() + 120_000
  for (;;) {
    const [{ earned }] = await ledger.sql(
      `SELECT COUNT(DISTINCT order_id)::int AS earned FROM loyalty_points_entry WHERE type = 'earn' AND order_id = ANY(?)`,
      [orderIds]
    )
    if (earned === orderIds.length) break
    if (Date.now() > deadline) {
      problems.push(`${label}: only ${earned} of ${orderIds.length} orders earned within 120 s`)
      break
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }

  const pendingLag = await ledger.sql<{ lag: number }>(
    `SELECT EXTRACT(EPOCH FROM (e.created_at - o.created_at)) * 1000 AS lag
     FROM loyalty_points_entry e JOIN "order" o ON o.id = e.order_id
     WHERE e.type = 'earn_pending' AND e.order_id = ANY(?)`,
    [orderIds]
  )
  const spendableLag = await ledger.sql<{ lag: number }>(
    `SELECT EXTRACT(EPOCH FROM (e.created_at - c.created_at)) * 1000 AS lag
     FROM loyalty_points_entry e
     JOIN order_payment_collection opc ON opc.order_id = e.order_id AND opc.deleted_at IS NULL
     JOIN payment p ON p.payment_collection_id = opc.payment_collection_id
     JOIN capture c ON c.payment_id = p.id
     WHERE e.type = 'earn' AND e.order_id = ANY(?)`,
    [orderIds]
  )
  const lagStats = (rows: { lag: number }[]) => {
    const values = rows.map((row) => Number(row.lag))
    return { p50: quantile(values, 0.5), p95: quantile(values, 0.95), n: values.length }
  }

  // No overspend: per shopper, what was redeemed is what its holds took, never above its points.
  const accounts = await ledger.sql<{ customer_id: string; balance: number; held: number; lifetime_redeemed: number }>(
    `SELECT customer_id, balance, held, lifetime_redeemed FROM loyalty_points_account WHERE customer_id = ANY(?)`,
    [shoppers.map((s) => s.customer_id)]
  )
  const redeemedTotal = accounts.reduce((sum, a) => sum + a.lifetime_redeemed, 0)
  for (const account of accounts) {
    check(account.lifetime_redeemed <= START_POINTS, `${label}: ${account.customer_id} redeemed ${account.lifetime_redeemed} > ${START_POINTS}`)
    check(account.balance - account.held >= 0, `${label}: ${account.customer_id} available ${account.balance - account.held} < 0`)
    check(account.balance >= 0, `${label}: ${account.customer_id} balance ${account.balance} < 0`)
  }
  // Per cart that applied points, from the database: an order and one redeem entry of its
  // points, or no order and nothing redeemed (a completion answered 500 may still have made the order).
  const carts = await ledger.sql<{ cart_id: string; has_order: boolean; redeemed: number; redeems: number }>(
    `SELECT c.cart_id,
       EXISTS (SELECT 1 FROM order_cart oc WHERE oc.cart_id = c.cart_id AND oc.deleted_at IS NULL) AS has_order,
       COALESCE((SELECT -SUM(e.points) FROM loyalty_points_entry e WHERE e.type = 'redeem' AND e.reference_id = c.cart_id AND e.deleted_at IS NULL), 0)::int AS redeemed,
       (SELECT COUNT(*) FROM loyalty_points_entry e WHERE e.type = 'redeem' AND e.reference_id = c.cart_id AND e.deleted_at IS NULL)::int AS redeems
     FROM unnest(CAST(? AS text[])) AS c(cart_id)`,
    [appliedCarts]
  )
  const withOrder = carts.filter((c) => c.has_order)
  const spentWithoutOrder = carts.filter((c) => !c.has_order && c.redeemed !== 0)
  const completedWithPoints = withOrder.length
  for (const cart of withOrder) {
    check(cart.redeems === 1 && cart.redeemed === APPLY_POINTS, `${label}: cart ${cart.cart_id} has an order and redeemed ${cart.redeemed} in ${cart.redeems} entries`)
  }
  check(spentWithoutOrder.length === 0, `${label}: ${spentWithoutOrder.length} carts spent points without an order: ${spentWithoutOrder.map((c) => c.cart_id).join(", ")}`)
  check(
    redeemedTotal === completedWithPoints * APPLY_POINTS,
    `${label}: redeemed ${redeemedTotal}, carts with points that have an order ${completedWithPoints} x ${APPLY_POINTS}`
  )
  const { variances, accounts_checked } = await ledger.service.reconcile()
  check(variances.length === 0, `${label}: reconcile found ${variances.length} variance(s)`)

  return {
    label,
    checkouts: orders.length,
    seconds,
    withPoints,
    refused,
    pending: lagStats(pendingLag),
    spendable: lagStats(spendableLag),
    failures,
    checked:
      `${orders.length} of ${CHECKOUTS} checkouts completed (${withPoints} applied ${APPLY_POINTS} points, ${refused} refused with 409; ` +
      `${completedWithPoints} carts with points have an order, ${spentWithoutOrder.length} spent points without one), ` +
      `${accounts.length} shared accounts: redeemed ${redeemedTotal} of ${accounts.length * START_POINTS} points, ` +
      `none above its balance, none negative, no hold left; reconcile over ${accounts_checked} accounts: ${variances.length} variances`,
  }
}

/* ------------------------------------------------------------------ main */

async function main() {
  const started = now()
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "loyalty-bench-checkout-"))
  console.log(`bench:checkout: logs in ${logDir}`)
  const databaseUrl = await createDatabase(DB_NAME)
  const processes: StoreProcess[] = []
  let redis: PrivateRedis | null = null
  let ledger: LedgerCheck | null = null
  try {
    console.log("migrating and seeding a fresh database...")
    const summary: DemoSummary = await migrateAndSeed(databaseUrl)
    ledger = await openLedger(databaseUrl)
    await ledger.sql(`UPDATE inventory_level SET stocked_quantity = 1000000`)

    console.log("starting the store without the plugin and with it (single process each)...")
    const single = baseEnv({ DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" })
    const [noPluginProcess, pluginProcess] = await Promise.all([
      StoreProcess.start({ name: "single-without-plugin", mode: "shared", env: single, logDir, cwd: scratchAppWithoutPlugin() }),
      StoreProcess.start({ name: "single-with-plugin", mode: "shared", env: single, logDir }),
    ])
    processes.push(noPluginProcess, pluginProcess)
    const plugin = httpApi(pluginProcess.url)
    const noPlugin = httpApi(noPluginProcess.url)
    const store = await demoCheckoutStore(plugin, summary)
    const admin = await adminHeaders(plugin, summary)

    console.log(`timing ${COMPLETIONS} completions of each kind, interleaved...`)
    const overhead = await measureOverhead(noPlugin, plugin, store, admin)
    console.log(overheadTable(overhead).join("\n"))
    await noPluginProcess.stop()

    // 50 checkouts of one SKU queue on Medusa's own per-item reservation lock (a few
    // seconds' timeout) and fail with "Timed-out acquiring lock" on a small machine: the
    // load phase buys an item without managed inventory, so what it measures is the rest.
    await ledger.sql(`UPDATE product_variant SET manage_inventory = false`)

    console.log(`load: ${CHECKOUTS} concurrent checkouts from ${SHARED_CUSTOMERS} shoppers (single process)...`)
    const loads = [await runLoad("single", plugin, store, admin, ledger)]
    await pluginProcess.stop()

    if (process.env.BENCH_SKIP_CLUSTER !== "true") {
      if (spawnSync("redis-server", ["--version"]).status !== 0) {
        console.log("cluster part skipped: redis-server is not on the PATH")
      } else {
        console.log("starting the cluster (private redis-server, one server and one worker process)...")
        redis = await PrivateRedis.start()
        const env = baseEnv({ DATABASE_URL: databaseUrl, LOG_LEVEL: "warn", MEDUSA_CLUSTER: "true", REDIS_URL: redis.url })
        const [server, worker] = await Promise.all([
          StoreProcess.start({ name: "cluster-server", mode: "server", env, logDir }),
          StoreProcess.start({ name: "cluster-worker", mode: "worker", env, logDir }),
        ])
        processes.push(server, worker)
        const api = httpApi(server.url)
        // A few checkouts first: the server's first requests compile and warm up.
        await runWarmup(api, store, admin)
        console.log(`load: ${CHECKOUTS} concurrent checkouts from ${SHARED_CUSTOMERS} shoppers (cluster)...`)
        loads.push(await runLoad("cluster", api, store, admin, ledger))
      }
    }
    report(overhead, loads, (now() - started) / 1000)
  } finally {
    await Promise.all(processes.map((p) => p.stop()))
    await ledger?.close().catch(() => {})
    await redis?.destroy()
    await dropDatabase(DB_NAME)
  }
  if (problems.length) {
    console.error(`\nCORRECTNESS CHECKS FAILED:\n- ${problems.join("\n- ")}`)
    process.exit(2)
  }
}

async function runWarmup(api: HttpApi, store: CheckoutStore, admin: AdminHeaders) {
  const shopper = await registerShopper(api, store, `bench-warmup-${Date.now()}@bench.test`)
  await giveShopperPoints(api, admin, shopper.customer_id, 1000)
  for (let i = 0; i < WARMUP; i++) {
    const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 1 }] })
    await api.post(`/store/carts/${cartId}/loyalty-points`, { points: 10 }, storeHeaders(store, shopper.token))
    await preparePayment(api, store, cartId, shopper.token)
    await placeOrder(api, store, cartId, shopper.token)
  }
}

function overheadTable(overhead: Awaited<ReturnType<typeof measureOverhead>>) {
  const base = overhead[0]
  const lines: string[] = []
  lines.push("", `Cart completion (POST /store/carts/:id/complete), single process, ${COMPLETIONS} each, interleaved:`)
  lines.push("| variant | p50 | p95 | p50 ratio | p95 ratio |", "|---|---|---|---|---|")
  for (const row of overhead) {
    lines.push(`| ${row.name} | ${ms(row.p50)} | ${ms(row.p95)} | ${(row.p50 / base.p50).toFixed(2)}x | ${(row.p95 / base.p95).toFixed(2)}x |`)
  }
  const withPoints = overhead[2]
  const promotion = overhead[3]
  const ratio = withPoints.p50 / base.p50
  lines.push(
    `Target: with points applied <= ${TARGET_RATIO.toFixed(2)}x without the plugin (median): ` +
      `${ratio.toFixed(2)}x ${ratio <= TARGET_RATIO ? "MET" : "MISSED"}`
  )
  lines.push(
    `Of the ${ms(withPoints.p50 - base.p50)} added with points (medians): a discount as such (Medusa's promotion work at ` +
      `completion) ${ms(promotion.p50 - base.p50)}; the plugin's own (guard, hold to redeem entry) ${ms(withPoints.p50 - promotion.p50)}; ` +
      `with points vs the same discount as a plain promotion: ${(withPoints.p50 / promotion.p50).toFixed(2)}x`
  )
  return lines
}

function report(overhead: Awaited<ReturnType<typeof measureOverhead>>, loads: LoadResult[], seconds: number) {
  const lines = overheadTable(overhead)
  lines.push("", `Load: ${CHECKOUTS} concurrent checkouts redeeming ${APPLY_POINTS} points from ${SHARED_CUSTOMERS} shared shoppers, then all captured:`)
  lines.push(
    "| store | completed checkouts/s | order -> pending p50 | p95 | capture -> spendable p50 | p95 |",
    "|---|---|---|---|---|---|"
  )
  for (const load of loads) {
    lines.push(
      `| ${load.label} | ${(load.checkouts / load.seconds).toFixed(2)} (${load.seconds.toFixed(1)} s) | ${ms(load.pending.p50)} | ${ms(load.pending.p95)} | ${ms(load.spendable.p50)} | ${ms(load.spendable.p95)} |`
    )
  }
  for (const load of loads) {
    lines.push(`checked (${load.label}): ${load.checked}`)
    if (load.failures.length) {
      const counts = new Map<string, number>()
      load.failures.forEach((f) => counts.set(f, (counts.get(f) ?? 0) + 1))
      lines.push(`failed completions (${load.label}): ${[...counts].map(([f, n]) => `${n} x ${f}`).join("; ")}`)
    }
  }
  lines.push("", `bench:checkout finished in ${seconds.toFixed(0)} s`)
  console.log(lines.join("\n"))
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
