/**
 * The plugin in a Redis-backed Medusa cluster: real `medusa start` processes (a server
 * that answers HTTP, workers that handle events and jobs) on a fresh database, with a
 * redis-server of the test's own. Run by `npm run test:cluster` (scripts/test-cluster.js),
 * which skips it with the reason where REDIS_URL is unset or redis-server is missing.
 */
import fs from "fs"
import os from "os"
import path from "path"
import { Client } from "pg"
import { Queue } from "bullmq"
import { eventually, outcome } from "../helpers/async"
import {
  CheckoutStore,
  completeCart,
  createCart,
  orderPayments,
  placeOrder,
  preparePayment,
  registerShopper,
  storeHeaders,
} from "../helpers/checkout"
import { adminHeaders, demoCheckoutStore, HttpApi, httpApi } from "../helpers/http-store"
import { LedgerCheck, openLedger } from "../helpers/ledger-check"
import {
  baseEnv,
  createDatabase,
  dropDatabase,
  migrateAndSeed,
  PrivateRedis,
  sleep,
  StoreProcess,
} from "../helpers/store-processes"

jest.setTimeout(600_000)

const DB_NAME = `loyalty_cluster_${process.pid}`
const EVENT_WAIT = 90_000

/** A job on Medusa's Redis event bus: the event's data and metadata. */
type EventJobData = { data: { id: string }; metadata: Record<string, unknown> }

describe("the plugin in a Redis-backed cluster (server + worker processes)", () => {
  let databaseUrl: string
  let redis: PrivateRedis
  let server: StoreProcess
  let worker: StoreProcess
  let api: HttpApi
  let store: CheckoutStore
  let admin: { headers: Record<string, string> }
  let ledger: LedgerCheck
  let bus: Queue<EventJobData>
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "loyalty-cluster-"))

  const clusterEnv = () =>
    baseEnv({
      DATABASE_URL: databaseUrl,
      MEDUSA_CLUSTER: "true",
      REDIS_URL: redis.url,
      MEDUSA_EVENT_ATTEMPTS: "5",
      MEDUSA_EVENT_BACKOFF_MS: "1000",
      // An event taken by a worker that died goes to another after ~10 s instead of ~60 s.
      MEDUSA_EVENT_LOCK_MS: "6000",
      MEDUSA_EVENT_STALLED_CHECK_MS: "3000",
    })

  const startWorker = (name: string, env: Record<string, string> = {}) =>
    StoreProcess.start({ name, mode: "worker", env: { ...clusterEnv(), ...env }, logDir })

  beforeAll(async () => {
    console.log(`cluster test logs: ${logDir}`)
    databaseUrl = await createDatabase(DB_NAME)
    const [summary, startedRedis] = await Promise.all([migrateAndSeed(databaseUrl), PrivateRedis.start()])
    redis = startedRedis
    ;[server, worker] = await Promise.all([
      StoreProcess.start({ name: "server", mode: "server", env: clusterEnv(), logDir }),
      startWorker("worker"),
    ])
    api = httpApi(() => server.url)
    store = await demoCheckoutStore(api, summary)
    admin = await adminHeaders(api, summary)
    ledger = await openLedger(databaseUrl)
    // The queue Medusa's Redis event bus reads (its name and prefix in 2.21).
    bus = new Queue<EventJobData>("events-queue", { prefix: "RedisEventBusService", connection: { host: "127.0.0.1", port: redis.port } })
    bus.on("error", () => {}) // the outage test stops Redis on purpose
  })

  afterEach(async () => {
    const { variances } = await ledger.service.reconcile()
    expect(variances).toEqual([])
  })

  afterAll(async () => {
    await bus?.close().catch(() => {})
    await ledger?.close().catch(() => {})
    await Promise.all([server?.stop(), worker?.stop(), ...extraWorkers.map((w) => w.stop())])
    await redis?.destroy()
    if (!process.env.KEEP_CLUSTER_DB) {
      await dropDatabase(DB_NAME)
    }
  })

  const extraWorkers: StoreProcess[] = []

  /* ------------------------------------------------------------------ helpers */

  const shopper = async (name: string, points = 0) => {
    const registered = await registerShopper(api, store, `${name}-${Date.now()}@cluster.test`)
    if (points) {
      await api.post(
        `/admin/customers/${registered.customer_id}/loyalty-points/adjustments`,
        { points, reason: "cluster test" },
        admin
      )
    }
    return registered
  }

  const account = async (token: string) =>
    (await api.get("/store/customers/me/loyalty-points", storeHeaders(store, token))).data.loyalty_account

  const orderPoints = async (orderId: string) =>
    (await api.get(`/admin/orders/${orderId}/loyalty-points`, admin)).data.loyalty_points

  const applyPoints = (cartId: string, token: string, points: number) =>
    api.post(`/store/carts/${cartId}/loyalty-points`, { points }, storeHeaders(store, token))

  const capture = async (orderId: string) => {
    const [payment] = await orderPayments(api, orderId, admin)
    await api.post(`/admin/payments/${payment.id}/capture`, {}, admin)
    return payment
  }

  const tryPlaceOrder = (cartId: string, token: string) =>
    placeOrder(api, store, cartId, token).then(
      (order) => ({ order, error: null as Error | null }),
      (error: Error) => ({ order: null, error })
    )

  /** The order's earnable points once the worker recorded them pending. */
  const waitPending = (orderId: string) =>
    eventually(async () => {
      const view = await orderPoints(orderId)
      expect(view.pending + view.earned).toBeGreaterThan(0)
      return view
    }, EVENT_WAIT)

  /** Every figure of an account and its entries' types and points, for comparing two accounts. */
  const ledgerOf = async (customerId: string) => {
    const [figures] = await ledger.sql(
      `SELECT balance, pending, held, lifetime_earned, lifetime_redeemed FROM loyalty_points_account WHERE customer_id = ?`,
      [customerId]
    )
    const entries = await ledger.sql<{ type: string; points: number; balance_change: number; pending_change: number }>(
      `SELECT e.type, e.points, e.balance_change, e.pending_change FROM loyalty_points_entry e
       JOIN loyalty_points_account a ON a.id = e.account_id
       WHERE a.customer_id = ? AND e.deleted_at IS NULL ORDER BY e.type, e.points`,
      [customerId]
    )
    return { figures, entries }
  }

  /** Holds the account's row lock from outside, as a long transaction of another process would. */
  const lockAccountRow = async (customerId: string) => {
    const client = new Client({ connectionString: databaseUrl })
    await client.connect()
    await client.query("BEGIN")
    const { rowCount } = await client.query("SELECT id FROM loyalty_points_account WHERE customer_id = $1 FOR UPDATE", [
      customerId,
    ])
    expect(rowCount).toBe(1)
    return async () => {
      await client.query("ROLLBACK")
      await client.end()
    }
  }

  /** Publishes an event on the Redis bus `times` more times, as a redelivery would, and waits until each is handled. */
  const publishAgain = async (name: string, data: { id: string }, times = 2) => {
    const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`
    const jobs = await bus.addBulk(
      Array.from({ length: times }, (_, i) => ({
        name,
        data: { data, metadata: {} },
        opts: { jobId: `again-${name}-${data.id}-${stamp}-${i}`, attempts: 5, backoff: { type: "exponential", delay: 1000 } },
      }))
    )
    await eventually(async () => {
      for (const job of jobs) {
        expect(await bus.getJobState(job.id!)).toBe("completed")
      }
    }, EVENT_WAIT)
  }

  /* ------------------------------------------------------------------ scenarios */

  it("earns through the worker: the server answers the checkout, the worker records pending points and spendable ones on capture", async () => {
    const serverMark = server.output.length
    const a = await shopper("earner")
    const cartId = await createCart(api, store, { token: a.token, lines: [{ product: "plain", quantity: 10 }] })
    const order = await completeCart(api, store, cartId, a.token)

    const view = await waitPending(order.id)
    // 10 mugs at 12 usd, 1 point per usd (tax and shipping excluded)
    expect(view.pending).toBe(120)
    expect(await account(a.token)).toMatchObject({ balance: 0, pending: 120 })

    await capture(order.id)
    await eventually(async () => expect(await account(a.token)).toMatchObject({ balance: 120, pending: 0, lifetime_earned: 120 }), EVENT_WAIT)

    // Events are handled by the worker only: the server process takes none.
    expect(server.lines(/Processing (order\.placed|payment\.captured)/, serverMark)).toEqual([])
    expect(worker.lines(/Processing order\.placed/).length).toBeGreaterThan(0)
  })

  it("never spends the same points twice when checkouts of one shopper race on the server", async () => {
    const b = await shopper("racer", 1000)
    const carts = await Promise.all(
      [0, 1, 2, 3].map(() => createCart(api, store, { token: b.token, lines: [{ product: "plain", quantity: 10 }] }))
    )
    // Holds are taken under the account's row lock: 3 x 300 fit in 1000, the 4th does not.
    const applied = await Promise.all(carts.map((cartId) => outcome(applyPoints(cartId, b.token, 300))))
    expect(applied.map((r) => r.status).sort()).toEqual([200, 200, 200, 409])
    expect(await account(b.token)).toMatchObject({ balance: 1000, held: 900, available: 100 })

    for (const cartId of carts) {
      await preparePayment(api, store, cartId, b.token)
    }
    // Every cart completed twice at once (a double click, a retrying load balancer).
    const completions = await Promise.all(carts.flatMap((cartId) => [0, 1].map(() => tryPlaceOrder(cartId, b.token))))
    const orderIds = new Set(completions.flatMap((c) => (c.order ? [c.order.id] : [])))
    expect(orderIds.size).toBe(4)
    const orders = await ledger.sql<{ order_id: string; cart_id: string }>(
      `SELECT order_id, cart_id FROM order_cart WHERE cart_id = ANY(?) AND deleted_at IS NULL`,
      [carts]
    )
    expect(orders.map((o) => o.cart_id).sort()).toEqual([...carts].sort())

    await eventually(async () => {
      const figures = await account(b.token)
      expect(figures).toMatchObject({ balance: 100, held: 0, available: 100, lifetime_redeemed: 900 })
      expect(figures.pending).toBeGreaterThan(0)
    }, EVENT_WAIT)
    const redeems = (await ledgerOf(b.customer_id)).entries.filter((e) => e.type === "redeem")
    expect(redeems.map((e) => e.points)).toEqual([-300, -300, -300])
  })

  it("ends with the same ledger when order.placed, payment.captured, payment.refunded and order.canceled come twice and a handler fails once", async () => {
    // Two identical shoppers; only the first one's events are delivered again, and its
    // capture handler fails once (its account row is held past the handler's lock timeout).
    const twice = await shopper("twice", 1000)
    const once = await shopper("once", 1000)
    const orders: Record<string, string> = {}
    for (const [key, who] of [
      ["twice", twice],
      ["once", once],
    ] as const) {
      const cartId = await createCart(api, store, { token: who.token, lines: [{ product: "plain", quantity: 10 }] })
      await applyPoints(cartId, who.token, 500)
      orders[key] = (await completeCart(api, store, cartId, who.token)).id
    }
    await Promise.all([waitPending(orders.twice), waitPending(orders.once)])
    await publishAgain("order.placed", { id: orders.twice })

    const release = await lockAccountRow(twice.customer_id)
    const mark = worker.output.length
    const payment = await capture(orders.twice)
    await capture(orders.once)
    try {
      await worker.waitForLine(/An error occurred while processing payment\.captured/, mark, EVENT_WAIT)
    } finally {
      await release()
    }
    await worker.waitForLine(/subscribers of payment\.captured failed\. Retrying/, mark, EVENT_WAIT)
    await eventually(async () => expect(await account(twice.token)).toMatchObject({ pending: 0 }), EVENT_WAIT)
    await eventually(async () => expect(await account(once.token)).toMatchObject({ pending: 0 }), EVENT_WAIT)
    await publishAgain("payment.captured", { id: payment.id })

    for (const key of ["twice", "once"]) {
      const [p] = await orderPayments(api, orders[key], admin)
      await api.post(`/admin/payments/${p.id}/refund`, { amount: 30 }, admin)
    }
    await eventually(async () => {
      expect((await orderPoints(orders.twice)).clawed_back).toBeGreaterThan(0)
      expect((await orderPoints(orders.once)).clawed_back).toBeGreaterThan(0)
    }, EVENT_WAIT)
    await publishAgain("payment.refunded", { id: payment.id })

    for (const key of ["twice", "once"]) {
      await api.post(`/admin/orders/${orders[key]}/cancel`, {}, admin)
    }
    await eventually(async () => {
      expect((await orderPoints(orders.twice)).redeemed - (await orderPoints(orders.twice)).given_back).toBe(0)
      expect((await orderPoints(orders.once)).redeemed - (await orderPoints(orders.once)).given_back).toBe(0)
    }, EVENT_WAIT)
    await publishAgain("order.canceled", { id: orders.twice })

    const [a, b] = await Promise.all([ledgerOf(twice.customer_id), ledgerOf(once.customer_id)])
    expect(a).toEqual(b)
    expect(a.figures).toMatchObject({ balance: 1000, pending: 0, held: 0 })
  })

  it("hands an event taken by a worker killed mid-way to the restarted worker, which handles it once", async () => {
    const e = await shopper("killed")
    const cartId = await createCart(api, store, { token: e.token, lines: [{ product: "plain", quantity: 5 }] })
    const order = await completeCart(api, store, cartId, e.token)
    const { pending } = await waitPending(order.id)

    // The capture handler waits on the account's row lock: the event is taken, not done.
    const release = await lockAccountRow(e.customer_id)
    const mark = worker.output.length
    try {
      await capture(order.id)
      await worker.waitForLine(/Processing payment\.captured/, mark, EVENT_WAIT)
      await eventually(async () => {
        const [{ waiting }] = await ledger.sql(
          `SELECT COUNT(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`
        )
        expect(waiting).toBeGreaterThan(0)
      }, 20_000)
      await worker.kill("SIGKILL")
    } finally {
      await release()
    }
    expect(await account(e.token)).toMatchObject({ balance: 0, pending })

    worker = await startWorker("worker-restarted")
    await eventually(
      async () => expect(await account(e.token)).toMatchObject({ balance: pending, pending: 0, lifetime_earned: pending }),
      EVENT_WAIT
    )
    const entries = (await ledgerOf(e.customer_id)).entries.map((x) => x.type)
    expect(entries.sort()).toEqual(["earn", "earn_pending"])
  })

  it("with Redis stopped during a checkout with points: the order completes with its points spent, or fails with none spent", async () => {
    const f = await shopper("outage", 1000)
    const cartId = await createCart(api, store, { token: f.token, lines: [{ product: "plain", quantity: 10 }] })
    await applyPoints(cartId, f.token, 500)
    await preparePayment(api, store, cartId, f.token)

    await redis.stop()
    const completing = tryPlaceOrder(cartId, f.token)
    await sleep(4000)
    await redis.start()
    const result = await completing
    console.log(`checkout during the Redis outage: ${result.order ? `completed (${result.order.id})` : `failed: ${result.error!.message}`}`)

    const figures = await account(f.token)
    if (result.order) {
      await eventually(async () => {
        expect(await account(f.token)).toMatchObject({ balance: 500, held: 0, lifetime_redeemed: 500 })
        expect((await account(f.token)).pending).toBeGreaterThan(0)
      }, EVENT_WAIT)
    } else {
      expect(figures).toMatchObject({ balance: 1000, lifetime_redeemed: 0 })
      // Nothing was spent: the shopper completes the same cart once Redis is back.
      const order = await placeOrder(api, store, cartId, f.token)
      await waitPending(order.id)
      expect(await account(f.token)).toMatchObject({ balance: 500, held: 0, lifetime_redeemed: 500 })
    }
    expect(server.alive && worker.alive).toBe(true)
  })

  it("runs the nightly and recovery jobs once per tick with two worker processes, and expires due points once", async () => {
    const g = await shopper("expiring")
    await api.post(
      `/admin/customers/${g.customer_id}/loyalty-points/adjustments`,
      { points: 70, reason: "cluster test", expires_at: new Date(Date.now() + 3000).toISOString() },
      admin
    )
    // Two workers that tick the nightly job every 3 s, at this hour (the lot is due by then);
    // close to the end of an hour, the next one, so that the ticks all fall in one hour.
    const leftInHour = 3_600_000 - (Date.now() % 3_600_000)
    if (leftInHour < 120_000) {
      await sleep(leftInHour + 1000)
    }
    const ticking = {
      LOYALTY_POINTS_NIGHTLY_SCHEDULE: "*/3 * * * * *",
      LOYALTY_POINTS_NIGHTLY_HOUR: String(new Date().getUTCHours()),
      LOYALTY_POINTS_RECOVER_SCHEDULE: "*/3 * * * * *",
    }
    await worker.stop()
    const [first, second] = await Promise.all([startWorker("worker-tick-1", ticking), startWorker("worker-tick-2", ticking)])
    worker = first
    extraWorkers.push(second)
    const marks = [first.output.length, second.output.length]
    const started = Date.now()
    await sleep(18_000)
    const ticks = Math.floor((Date.now() - started) / 3000)
    const runs = [first.lines(/loyalty-points-nightly: /, marks[0]), second.lines(/loyalty-points-nightly: /, marks[1])]
    const all = [...first.lines(/loyalty-points-nightly: /), ...second.lines(/loyalty-points-nightly: /)]
    console.log(`nightly job in ${ticks} ticks: ${runs[0].length} runs in one worker, ${runs[1].length} in the other\n${all.join("\n")}`)

    // Each process firing every tick would give twice the ticks.
    expect(runs[0].length + runs[1].length).toBeGreaterThanOrEqual(ticks - 1)
    expect(runs[0].length + runs[1].length).toBeLessThanOrEqual(ticks + 1)
    // The recovery job too: one run per tick across both workers.
    const recoveries = [first.lines(/loyalty-points-recover: ran/, marks[0]), second.lines(/loyalty-points-recover: ran/, marks[1])]
    console.log(`recovery job in ${ticks} ticks: ${recoveries[0].length} runs in one worker, ${recoveries[1].length} in the other`)
    expect(recoveries[0].length + recoveries[1].length).toBeGreaterThanOrEqual(ticks - 1)
    expect(recoveries[0].length + recoveries[1].length).toBeLessThanOrEqual(ticks + 1)
    // The day's run went ahead once across both, and expired the due points once.
    expect(all.filter((line) => /nightly: claimed/.test(line))).toHaveLength(1)
    const expired = (await ledgerOf(g.customer_id)).entries.filter((e) => e.type === "expire")
    expect(expired.map((e) => e.points)).toEqual([-70])
    expect(await account(g.token)).toMatchObject({ balance: 0 })
  })
})
