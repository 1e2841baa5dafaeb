import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { Message } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { kdf } from "scrypt-kdf"
import {
  LOYALTY_POINTS_MODULE,
  LoyaltyPointsEvents,
  type AdminLoyaltyAccountListResponse,
  type ILoyaltyPointsModuleService,
  type LoyaltyEntryView,
  type StoreLoyaltyEntryView,
} from "../../src/types"
import { adjustLoyaltyPointsWorkflow } from "../../src/workflows/adjustments/workflows/adjust-points"
import type { HttpError, HttpResponse } from "../helpers/http"

jest.setTimeout(180_000)

const DAY = 24 * 60 * 60 * 1000
const PASSWORD = "supersecret-password"
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString()

type Headers = Record<string, string>

/** Fails after the adjustment, so the whole adjustment must be compensated. */
const failAfterAdjustmentStep = createStep("loyalty-points-test-fail-after-adjustment", async () => {
  throw new Error("fail after the adjustment")
})

const adjustThenFailWorkflow = createWorkflow(
  "loyalty-points-test-adjust-then-fail",
  function (input: Parameters<typeof adjustLoyaltyPointsWorkflow.runAsStep>[0]["input"]) {
    const result = adjustLoyaltyPointsWorkflow.runAsStep({ input })
    failAfterAdjustmentStep()
    return new WorkflowResponse(result)
  }
)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let adminHeaders: Headers
    let adminUserId: string
    let publishableKey: string
    let customerHeaders: Headers
    let ada: { id: string; email: string }
    let grace: { id: string; email: string }
    let alan: { id: string; email: string }

    const service = () => getContainer().resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)

    const send = async (method: "get" | "post", url: string, headers: Headers, body?: unknown) => {
      const call =
        method === "get" ? api.get(url, { headers }) : api.post(url, body, { headers })
      return await call.then(
        (response: HttpResponse) => response,
        (error: HttpError) => {
          if (!error.response) {
            throw error
          }
          return error.response
        }
      )
    }
    const adjust = (customerId: string, body: unknown, key?: string) =>
      send("post", `/admin/customers/${customerId}/loyalty-points/adjustments`, {
        ...adminHeaders,
        ...(key ? { "Idempotency-Key": key } : {}),
      }, body)
    const storeGet = (path: string, headers: Headers = customerHeaders) =>
      send("get", `/store/customers/me/loyalty-points${path}`, headers)
    const adminGet = (url: string) => send("get", url, adminHeaders)

    /** Everything an adjustment could change: figures, entries, lots. */
    const snapshotOf = async (customerId: string) => {
      const accounts = await service().listLoyaltyAccounts({ customer_id: customerId })
      if (!accounts.length) {
        return { account: null, entries: [], lots: [] }
      }
      const account = accounts[0]
      const entries = await service().listLoyaltyEntries({ account_id: account.id }, { order: { id: "ASC" } })
      const lots = await service().listLoyaltyLots({ account_id: account.id }, { order: { id: "ASC" } })
      return {
        account: {
          balance: account.balance,
          pending: account.pending,
          held: account.held,
          lifetime_earned: account.lifetime_earned,
          lifetime_redeemed: account.lifetime_redeemed,
        },
        entries: entries.map((entry) => entry.id),
        lots: lots.map((lot) => ({ id: lot.id, remaining: lot.remaining, expires_at: lot.expires_at })),
      }
    }

    beforeAll(async () => {
      const container = getContainer()

      // An admin user with an emailpass identity, logged in over HTTP.
      const userModule = container.resolve(Modules.USER)
      const authModule = container.resolve(Modules.AUTH)
      const user = await userModule.createUsers({ email: "admin@loyalty.test", first_name: "Admin", last_name: "User" })
      adminUserId = user.id
      const hash = await kdf(PASSWORD, { logN: 15, r: 8, p: 1 })
      await authModule.createAuthIdentities({
        provider_identities: [
          { provider: "emailpass", entity_id: "admin@loyalty.test", provider_metadata: { password: hash.toString("base64") } },
        ],
        app_metadata: { user_id: user.id },
      })
      const adminLogin = await api.post("/auth/user/emailpass", { email: "admin@loyalty.test", password: PASSWORD })
      adminHeaders = { authorization: `Bearer ${adminLogin.data.token}` }

      const apiKey = await container.resolve(Modules.API_KEY).createApiKeys({
        title: "Loyalty tests",
        type: "publishable",
        created_by: "test",
      })
      publishableKey = apiKey.token

      // A registered shopper, logged in over HTTP as a storefront does it.
      const email = "ada@loyalty.test"
      const registered = await api.post("/auth/customer/emailpass/register", { email, password: PASSWORD })
      const created = await api.post(
        "/store/customers",
        { email, first_name: "Ada", last_name: "Lovelace" },
        { headers: { "x-publishable-api-key": publishableKey, authorization: `Bearer ${registered.data.token}` } }
      )
      ada = { id: created.data.customer.id, email }
      const login = await api.post("/auth/customer/emailpass", { email, password: PASSWORD })
      customerHeaders = { "x-publishable-api-key": publishableKey, authorization: `Bearer ${login.data.token}` }

      const customerModule = container.resolve(Modules.CUSTOMER)
      const [g, a] = await customerModule.createCustomers([
        { email: "grace@loyalty.test", first_name: "Grace", last_name: "Hopper" },
        { email: "alan@loyalty.test", first_name: "Alan", last_name: "Turing" },
      ])
      grace = { id: g.id, email: g.email! }
      alan = { id: a.id, email: a.email! }
    })

    afterEach(async () => {
      const { variances } = await service().reconcile()
      expect(variances).toEqual([])
    })

    describe("GET /store/customers/me/loyalty-points", () => {
      it("should answer an account of zeros for a customer with no activity", async () => {
        const response = await storeGet("")
        expect(response.status).toBe(200)
        expect(response.data.loyalty_account).toEqual(
          expect.objectContaining({
            id: expect.stringMatching(/^lpacc_/),
            customer_id: ada.id,
            balance: 0,
            available: 0,
            held: 0,
            pending: 0,
            lifetime_earned: 0,
            lifetime_redeemed: 0,
            tier: null,
            next_tier: null,
            expiring: [],
            referral_code: expect.stringMatching(/^[A-Z2-9]{10}$/),
            redemption_value: 0.01,
            currency_code: "usd",
          })
        )
        expect(response.data.loyalty_account.customer).toBeUndefined()

        const entries = await storeGet("/entries")
        expect(entries.status).toBe(200)
        expect(entries.data).toEqual({ entries: [], count: 0, limit: 20, offset: 0 })
      })

      it("should give the redemption value in the requested currency", async () => {
        const eur = await storeGet("?currency_code=EUR")
        expect(eur.status).toBe(200)
        expect(eur.data.loyalty_account).toEqual(expect.objectContaining({ currency_code: "eur", redemption_value: 0.01 }))

        const gbp = await storeGet("?currency_code=gbp")
        expect(gbp.data.loyalty_account).toEqual(expect.objectContaining({ currency_code: "gbp", redemption_value: null }))

        const bad = await storeGet("?currency_code=dollars")
        expect(bad.status).toBe(400)
        expect(bad.data).toEqual({ type: "invalid_data", message: expect.stringContaining("currency_code") })
      })

      it("should answer 401 without a customer token", async () => {
        const noToken = { "x-publishable-api-key": publishableKey }
        expect((await storeGet("", noToken)).status).toBe(401)
        expect((await storeGet("/entries", noToken)).status).toBe(401)
        // An admin token is not a customer token.
        expect((await storeGet("", { ...noToken, ...adminHeaders })).status).toBe(401)
      })

      it("should show balance, expiring points and history after adjustments", async () => {
        const soon = inDays(30)
        expect((await adjust(ada.id, { points: 50, reason: "goodwill", expires_at: soon })).status).toBe(200)
        expect((await adjust(ada.id, { points: 30, reason: "welcome" })).status).toBe(200)
        expect((await adjust(ada.id, { points: -20, reason: "correction", note: "double credit" })).status).toBe(200)

        const { data } = await storeGet("")
        expect(data.loyalty_account).toEqual(
          expect.objectContaining({ balance: 60, available: 60, held: 0, pending: 0, lifetime_earned: 0 })
        )
        // The debit took the first-expiring lot first; the other expires per the programme (365 days).
        expect(data.loyalty_account.expiring).toHaveLength(2)
        expect(data.loyalty_account.expiring[0]).toEqual({ expires_at: soon, points: 30 })
        expect(data.loyalty_account.expiring[1].points).toBe(30)
        const defaultExpiry = new Date(data.loyalty_account.expiring[1].expires_at).getTime()
        expect(Math.abs(defaultExpiry - (Date.now() + 365 * DAY))).toBeLessThan(60 * 60 * 1000)

        const history = await storeGet("/entries")
        expect(history.data.count).toBe(3)
        expect(history.data.entries.map((entry: StoreLoyaltyEntryView) => [entry.type, entry.points, entry.reason])).toEqual([
          ["adjust", -20, "correction"],
          ["adjust", 30, "welcome"],
          ["adjust", 50, "goodwill"],
        ])
        // The shopper sees their points, never staff data: exactly these fields.
        expect(history.data.entries[0]).toEqual({
          id: expect.stringMatching(/^lpent_/),
          type: "adjust",
          points: -20,
          money_amount: 0.2,
          currency_code: "usd",
          reason: "correction",
          order_id: null,
          created_at: expect.any(String),
          description: "Points adjusted by the store",
        })
        for (const entry of history.data.entries) {
          expect(Object.keys(entry).sort()).toEqual(
            ["created_at", "currency_code", "description", "id", "money_amount", "order_id", "points", "reason", "type"]
          )
        }
        // The admin route keeps the staff data.
        const admin = await adminGet(`/admin/customers/${ada.id}/loyalty-points`)
        expect(admin.data.entries[0]).toEqual(
          expect.objectContaining({
            id: history.data.entries[0].id,
            money_amount: 0.2,
            currency_code: "usd",
            note: "double credit",
            actor_type: "user",
            actor_id: adminUserId,
            reference_type: "adjustment",
            reference_id: null,
            order_id: null,
            idempotency_key: expect.stringMatching(new RegExp(`^adjust:${ada.id}:`)),
            created_at: expect.any(String),
            metadata: null,
          })
        )
      })

      it("should page the history, newest first, and refuse bad paging", async () => {
        for (let points = 1; points <= 5; points++) {
          expect((await adjust(ada.id, { points, reason: `r${points}` })).status).toBe(200)
        }
        const first = await storeGet("/entries?limit=2")
        expect(first.data).toEqual(expect.objectContaining({ count: 5, limit: 2, offset: 0 }))
        expect(first.data.entries.map((entry: StoreLoyaltyEntryView) => entry.points)).toEqual([5, 4])
        const second = await storeGet("/entries?limit=2&offset=2")
        expect(second.data.entries.map((entry: StoreLoyaltyEntryView) => entry.points)).toEqual([3, 2])
        const last = await storeGet("/entries?limit=2&offset=4")
        expect(last.data.entries.map((entry: StoreLoyaltyEntryView) => entry.points)).toEqual([1])
        const beyond = await storeGet("/entries?offset=10")
        expect(beyond.data).toEqual({ entries: [], count: 5, limit: 20, offset: 10 })

        for (const query of ["limit=0", "limit=101", "limit=abc", "offset=-1", "limit=2.5"]) {
          const response = await storeGet(`/entries?${query}`)
          expect(response.status).toBe(400)
          expect(response.data.type).toBe("invalid_data")
          expect(response.data.message).toContain(query.split("=")[0])
        }
      })
    })

    describe("POST /admin/customers/:id/loyalty-points/adjustments", () => {
      it("should credit +50, debit -20, then move the open lots' expiry with a 0 adjustment, the admin on every entry", async () => {
        const eventBus = getContainer().resolve(Modules.EVENT_BUS)
        const emitted: Message[] = []
        const spy = jest.spyOn(eventBus, "emit").mockImplementation(async (data) => {
          emitted.push(...(Array.isArray(data) ? data : [data]))
        })

        try {
          // A lot that is used up before the move: it must keep its date.
          const closedDate = inDays(10)
          expect((await adjust(ada.id, { points: 10, reason: "spent soon", expires_at: closedDate })).status).toBe(200)
          expect((await adjust(ada.id, { points: -10, reason: "spend it" })).status).toBe(200)

          const firstDate = inDays(30)
          const credit = await adjust(ada.id, { points: 50, reason: "goodwill", note: "late parcel", expires_at: firstDate })
          expect(credit.status).toBe(200)
          expect(credit.data.entry).toEqual(
            expect.objectContaining({
              type: "adjust",
              points: 50,
              money_amount: 0.5,
              currency_code: "usd",
              reason: "goodwill",
              note: "late parcel",
              actor_type: "user",
              actor_id: adminUserId,
            })
          )
          expect(credit.data.loyalty_account).toEqual(
            expect.objectContaining({
              customer_id: ada.id,
              balance: 50,
              available: 50,
              expiring: [{ expires_at: firstDate, points: 50 }],
              customer: { id: ada.id, email: ada.email, first_name: "Ada", last_name: "Lovelace" },
            })
          )

          const secondDate = inDays(60)
          expect((await adjust(ada.id, { points: 30, reason: "bonus", expires_at: secondDate })).status).toBe(200)

          const debit = await adjust(ada.id, { points: -20, reason: "correction" })
          expect(debit.status).toBe(200)
          expect(debit.data.entry).toEqual(expect.objectContaining({ points: -20, actor_id: adminUserId }))
          expect(debit.data.loyalty_account.expiring).toEqual([
            { expires_at: firstDate, points: 30 },
            { expires_at: secondDate, points: 30 },
          ])

          const newDate = inDays(90)
          const move = await adjust(ada.id, { points: 0, reason: "extend expiry", expires_at: newDate })
          expect(move.status).toBe(200)
          expect(move.data.entry).toEqual(
            expect.objectContaining({
              type: "adjust",
              points: 0,
              balance_change: 0,
              money_amount: 0,
              reason: "extend expiry",
              actor_type: "user",
              actor_id: adminUserId,
            })
          )
          expect(move.data.entry.metadata.expiry_move).toEqual({
            expires_at: newDate,
            points: 60,
            lots: expect.arrayContaining([
              expect.objectContaining({ remaining: 30, from: firstDate, to: newDate }),
              expect.objectContaining({ remaining: 30, from: secondDate, to: newDate }),
            ]),
          })
          expect(move.data.entry.metadata.expiry_move.lots).toHaveLength(2)
          expect(move.data.loyalty_account).toEqual(
            expect.objectContaining({ balance: 60, available: 60, expiring: [{ expires_at: newDate, points: 60 }] })
          )

          // Only open lots moved: the used-up lot keeps its date.
          const { lots } = await snapshotOf(ada.id)
          expect(lots.map((lot) => [lot.remaining, new Date(lot.expires_at as Date | string).toISOString()]).sort()).toEqual(
            [
              [0, closedDate],
              [30, newDate],
              [30, newDate],
            ].sort()
          )

          const history = await adminGet(`/admin/customers/${ada.id}/loyalty-points`)
          expect(history.data.count).toBe(6)
          expect(history.data.entries.map((entry: LoyaltyEntryView) => entry.points)).toEqual([0, -20, 30, 50, -10, 10])
          expect(history.data.entries.every((entry: LoyaltyEntryView) => entry.actor_type === "user" && entry.actor_id === adminUserId)).toBe(true)

          const adjusted = emitted.filter((event) => event.name === LoyaltyPointsEvents.ADJUSTED)
          expect(adjusted).toHaveLength(6)
          expect(adjusted[5].data).toEqual(
            expect.objectContaining({
              id: move.data.entry.id,
              customer_id: ada.id,
              points: 0,
              actor_type: "user",
              actor_id: adminUserId,
              expires_at: newDate,
            })
          )
        } finally {
          spy.mockRestore()
        }
      })

      it("should give a customer with no account one on the first adjustment", async () => {
        expect((await snapshotOf(grace.id)).account).toBeNull()
        const response = await adjust(grace.id, { points: 25, reason: "welcome" })
        expect(response.status).toBe(200)
        expect(response.data.loyalty_account).toEqual(expect.objectContaining({ customer_id: grace.id, balance: 25 }))
      })

      it("should refuse every bad input and change nothing", async () => {
        expect((await adjust(ada.id, { points: 50, reason: "start", expires_at: inDays(30) })).status).toBe(200)
        const before = await snapshotOf(ada.id)

        const badBodies: [unknown, string][] = [
          [{ points: 1.5, reason: "x" }, "points"],
          [{ points: "50", reason: "x" }, "points"],
          [{ points: 10 }, "reason"],
          [{ points: 10, reason: "   " }, "reason"],
          [{ points: 10, reason: "x", expires_at: new Date(Date.now() - DAY).toISOString() }, "expires_at"],
          [{ points: 10, reason: "x", expires_at: "not a date" }, "expires_at"],
          // Dates JavaScript reads anyway: a day that does not exist (2 March) and prose.
          [{ points: 10, reason: "x", expires_at: "2099-02-30" }, "expires_at"],
          [{ points: 10, reason: "x", expires_at: "March 5 2099" }, "expires_at"],
          [{ points: 0, reason: "x" }, "expires_at"],
          [{ points: 0, reason: "x", expires_at: new Date(Date.now() - DAY).toISOString() }, "expires_at"],
          [{ points: -10, reason: "x", expires_at: inDays(10) }, "expires_at"],
          [{ points: 10, reason: "x", amount: 10 }, "amount"],
          [{ points: 2_000_000_000, reason: "x" }, "points"],
        ]
        for (const [body, field] of badBodies) {
          const response = await adjust(ada.id, body)
          expect({ body, status: response.status }).toEqual({ body, status: 400 })
          expect(response.data).toEqual({ type: "invalid_data", message: expect.stringContaining(field) })
        }

        const badKey = await adjust(ada.id, { points: 10, reason: "x" }, "k".repeat(201))
        expect(badKey.status).toBe(400)
        expect(badKey.data.message).toContain("Idempotency-Key")

        const unknown = await adjust("cus_does_not_exist", { points: 10, reason: "x" })
        expect(unknown.status).toBe(404)
        expect(unknown.data).toEqual({ type: "not_found", message: expect.stringContaining("cus_does_not_exist") })
        expect((await snapshotOf("cus_does_not_exist")).account).toBeNull()

        const tooMuch = await adjust(ada.id, { points: -80, reason: "too much" })
        expect(tooMuch.status).toBe(409)
        expect(tooMuch.data).toEqual(
          expect.objectContaining({ type: "conflict", message: "Not enough points: 50 available, 80 requested" })
        )

        expect(await snapshotOf(ada.id)).toEqual(before)
      })

      it("should apply the same Idempotency-Key once and answer the first result", async () => {
        const first = await adjust(ada.id, { points: 50, reason: "goodwill" }, "ticket-42")
        const second = await adjust(ada.id, { points: 50, reason: "goodwill" }, "ticket-42")
        expect(first.status).toBe(200)
        expect(second.status).toBe(200)
        expect(second.data.entry).toEqual(first.data.entry)
        expect(first.data.entry.idempotency_key).toBe(`adjust:${ada.id}:ticket-42`)
        expect(second.data.loyalty_account.balance).toBe(50)

        // The same key on another customer is another adjustment.
        expect((await adjust(grace.id, { points: 50, reason: "goodwill" }, "ticket-42")).data.loyalty_account.balance).toBe(50)

        // The same key for a different change is refused.
        const reused = await adjust(ada.id, { points: 70, reason: "goodwill" }, "ticket-42")
        expect(reused.status).toBe(409)
        expect(reused.data.message).toContain("already used for a different change")

        // Expiry moves are idempotent too.
        const date = inDays(100)
        const move1 = await adjust(ada.id, { points: 0, reason: "extend", expires_at: date }, "move-1")
        const move2 = await adjust(ada.id, { points: 0, reason: "extend", expires_at: date }, "move-1")
        expect(move2.data.entry.id).toBe(move1.data.entry.id)

        const { entries } = await snapshotOf(ada.id)
        expect(entries).toHaveLength(2)
      })

      it("should apply concurrent requests with the same Idempotency-Key once", async () => {
        const responses = await Promise.all(
          Array.from({ length: 4 }, () => adjust(ada.id, { points: 40, reason: "race" }, "same-key"))
        )
        expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200])
        expect(new Set(responses.map((response) => response.data.entry.id)).size).toBe(1)
        const { account, entries } = await snapshotOf(ada.id)
        expect(account?.balance).toBe(40)
        expect(entries).toHaveLength(1)
      })

      it("should never take available below zero under concurrent debits", async () => {
        expect((await adjust(ada.id, { points: 50, reason: "start" })).status).toBe(200)
        const responses = await Promise.all(
          Array.from({ length: 5 }, () => adjust(ada.id, { points: -20, reason: "race" }))
        )
        const statuses = responses.map((response) => response.status).sort()
        expect(statuses).toEqual([200, 200, 409, 409, 409])
        for (const refused of responses.filter((response) => response.status === 409)) {
          expect(refused.data.message).toMatch(/^Not enough points: (10|30) available, 20 requested$/)
        }
        const { data } = await storeGet("")
        expect(data.loyalty_account).toEqual(expect.objectContaining({ balance: 10, available: 10 }))
      })

      it("should undo an expiry move, a debit and a credit when a later step fails", async () => {
        const workflow = adjustThenFailWorkflow(getContainer())
        const base = { customer_id: ada.id, actor_type: "user" as const, actor_id: adminUserId }
        const firstDate = inDays(30)
        const secondDate = inDays(60)
        expect((await adjust(ada.id, { points: 50, reason: "start", expires_at: firstDate })).status).toBe(200)
        expect((await adjust(ada.id, { points: 30, reason: "start", expires_at: secondDate })).status).toBe(200)
        const lotsBefore = (await snapshotOf(ada.id)).lots

        const runAndFail = async (
          key: string,
          change: { points: number; reason: string; expires_at?: Date | string | null }
        ) => {
          const { errors } = await workflow.run({ input: { ...base, ...change, idempotency_key: key }, throwOnError: false })
          expect(errors[0]?.error?.message).toBe("fail after the adjustment")
          // A retry with the undone key must not answer success.
          const retry = await adjustLoyaltyPointsWorkflow(getContainer())
            .run({ input: { ...base, ...change, idempotency_key: key } })
            .then(
              () => null,
              (error: Error) => error
            )
          expect(retry?.message).toContain("was undone")
        }

        // Moves and debits are undone exactly: every lot back with its points and date.
        await runAndFail("undo-move", { points: 0, reason: "move", expires_at: inDays(200) })
        expect((await snapshotOf(ada.id)).lots).toEqual(lotsBefore)
        await runAndFail("undo-debit", { points: -60, reason: "debit" })
        expect((await snapshotOf(ada.id)).lots).toEqual(lotsBefore)

        // A credit is taken back first-expiring-first, like any debit: the figures are exact.
        await runAndFail("undo-credit", { points: 25, reason: "credit" })
        const { data } = await storeGet("")
        expect(data.loyalty_account).toEqual(expect.objectContaining({ balance: 80, available: 80 }))
        expect(data.loyalty_account.expiring.reduce((sum: number, group: { points: number }) => sum + group.points, 0)).toBe(80)

        const entries = await service().listLoyaltyEntries(
          { idempotency_key: ["undo-move:compensation", "undo-debit:compensation", "undo-credit:compensation"] },
          { order: { created_at: "ASC" } }
        )
        expect(entries.map((entry) => [entry.points, entry.actor_type, entry.reason])).toEqual([
          [0, "system", "compensation"],
          [60, "system", "compensation"],
          [-25, "system", "compensation"],
        ])
      })
    })

    describe("Idempotency-Key namespaces", () => {
      it("should keep a shopper's keys apart from an admin's: `admin:x` from a shopper is not an admin's `x`", async () => {
        expect((await adjust(ada.id, { points: 100, reason: "seed" })).status).toBe(200)
        const body = { points: 10, currency_code: "usd" }
        const shopper = await send("post", "/store/customers/me/loyalty-points/vouchers", { ...customerHeaders, "Idempotency-Key": "admin:x" }, body)
        expect(shopper.status).toBe(200)
        const admin = await send("post", `/admin/customers/${ada.id}/loyalty-points/vouchers`, { ...adminHeaders, "Idempotency-Key": "x" }, body)
        expect(admin.status).toBe(200)
        expect(admin.data.voucher.code).not.toBe(shopper.data.voucher.code)
        expect(admin.data.voucher.entry_id).not.toBe(shopper.data.voucher.entry_id)
        // Each side's own repeat is still one voucher.
        const again = await send("post", "/store/customers/me/loyalty-points/vouchers", { ...customerHeaders, "Idempotency-Key": "admin:x" }, body)
        expect(again.data.voucher.code).toBe(shopper.data.voucher.code)
        const { data } = await storeGet("")
        expect(data.loyalty_account).toEqual(expect.objectContaining({ balance: 80 }))
        const keys = (await service().listLoyaltyEntries({ type: "redeem" })).map((entry) => entry.idempotency_key).sort()
        expect(keys).toEqual([
          expect.stringContaining(`:admin:${ada.id}:x`),
          expect.stringContaining(`:store:${ada.id}:admin:x`),
        ])
      })
    })

    describe("GET /admin/customers/:id/loyalty-points", () => {
      it("should answer the account with its customer and the latest history", async () => {
        for (let points = 1; points <= 3; points++) {
          await adjust(ada.id, { points, reason: "r" })
        }
        const response = await adminGet(`/admin/customers/${ada.id}/loyalty-points?limit=2`)
        expect(response.status).toBe(200)
        expect(response.data).toEqual({
          loyalty_account: expect.objectContaining({
            customer_id: ada.id,
            balance: 6,
            available: 6,
            tier: null,
            next_tier: null,
            redemption_value: 0.01,
            currency_code: "usd",
            customer: { id: ada.id, email: ada.email, first_name: "Ada", last_name: "Lovelace" },
          }),
          entries: [expect.objectContaining({ points: 3 }), expect.objectContaining({ points: 2 })],
          count: 3,
          limit: 2,
          offset: 0,
        })
      })

      it("should answer zeros for a customer with no activity and 404 for an unknown customer", async () => {
        const fresh = await adminGet(`/admin/customers/${alan.id}/loyalty-points`)
        expect(fresh.status).toBe(200)
        expect(fresh.data).toEqual(
          expect.objectContaining({
            loyalty_account: expect.objectContaining({ balance: 0, available: 0, expiring: [] }),
            entries: [],
            count: 0,
          })
        )

        const unknown = await adminGet(`/admin/customers/cus_nope/loyalty-points`)
        expect(unknown.status).toBe(404)
        expect(unknown.data).toEqual({ type: "not_found", message: expect.stringContaining("cus_nope") })
        expect((await snapshotOf("cus_nope")).account).toBeNull()
      })

      it("should require an admin", async () => {
        const response = await send("get", `/admin/customers/${ada.id}/loyalty-points`, customerHeaders)
        expect(response.status).toBe(401)
        const adjustment = await send(
          "post",
          `/admin/customers/${ada.id}/loyalty-points/adjustments`,
          customerHeaders,
          { points: 10, reason: "x" }
        )
        expect(adjustment.status).toBe(401)
        expect((await snapshotOf(ada.id)).entries).toEqual([])
      })
    })

    describe("GET /admin/loyalty-points/accounts", () => {
      const seed = async () => {
        await adjust(ada.id, { points: 80, reason: "seed" })
        await adjust(grace.id, { points: 200, reason: "seed" })
        await adjust(alan.id, { points: 5, reason: "seed" })
      }
      const list = async (query: string) => adminGet(`/admin/loyalty-points/accounts${query}`)
      // The admin list carries each account's customer.
      const emails = (response: { data: AdminLoyaltyAccountListResponse }) =>
        response.data.loyalty_accounts.map((account) => account.customer!.email)

      it("should list accounts with their customer, sorted by balance", async () => {
        await seed()
        const byBalance = await list("?order=-balance")
        expect(byBalance.status).toBe(200)
        expect(byBalance.data).toEqual(expect.objectContaining({ count: 3, limit: 20, offset: 0 }))
        expect(emails(byBalance)).toEqual([grace.email, ada.email, alan.email])
        expect(byBalance.data.loyalty_accounts[0]).toEqual(
          expect.objectContaining({
            balance: 200,
            available: 200,
            tier: null,
            customer: { id: grace.id, email: grace.email, first_name: "Grace", last_name: "Hopper" },
          })
        )
        expect(emails(await list("?order=balance"))).toEqual([alan.email, ada.email, grace.email])

        const page = await list("?order=-balance&limit=1&offset=1")
        expect(page.data).toEqual(expect.objectContaining({ count: 3, limit: 1, offset: 1 }))
        expect(emails(page)).toEqual([ada.email])

        for (const query of ["?order=-email", "?order=customer.email", "?limit=500", "?offset=-3"]) {
          const response = await list(query)
          expect(response.status).toBe(400)
          expect(response.data.type).toBe("invalid_data")
        }
      })

      it("should search by email and by name", async () => {
        await seed()
        expect(emails(await list("?q=grace@loyalty"))).toEqual([grace.email])
        expect(emails(await list("?q=LOVELACE"))).toEqual([ada.email])
        expect(emails(await list("?q=Alan%20Turing"))).toEqual([alan.email])
        expect(emails(await list("?q=Ada%20Hopper"))).toEqual([])
        expect(emails(await list("?q=loyalty.test&order=-balance"))).toEqual([grace.email, ada.email, alan.email])
        const none = await list("?q=nobody")
        expect(none.data).toEqual({ loyalty_accounts: [], count: 0, limit: 20, offset: 0 })
      })

      it("should filter by tier", async () => {
        await seed()
        const [graceAccount] = await service().listLoyaltyAccounts({ customer_id: grace.id })
        const [adaAccount] = await service().listLoyaltyAccounts({ customer_id: ada.id })
        await service().updateLoyaltyAccounts([
          { id: graceAccount.id, tier_id: "lptier_gold" },
          { id: adaAccount.id, tier_id: "lptier_silver" },
        ])
        const gold = await list("?tier=lptier_gold")
        expect(emails(gold)).toEqual([grace.email])
        expect(gold.data.loyalty_accounts[0].tier_id).toBe("lptier_gold")
        expect(emails(await list("?tier=lptier_gold,lptier_silver&order=balance"))).toEqual([ada.email, grace.email])
        expect(emails(await list("?tier=lptier_none"))).toEqual([])
      })
    })
  },
})
