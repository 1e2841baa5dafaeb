import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { Event } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  LOYALTY_POINTS_MODULE,
  LoyaltyPointsEvents,
  type ILoyaltyPointsModuleService,
  type LedgerAccountDTO,
  type LoyaltyReconciliationRunDTO,
} from "../../src/types"
import { expireLoyaltyPointsWorkflow, remindExpiringPointsWorkflow } from "../../src/workflows/expiry"
import { runNightlyLoyaltyWorkflow } from "../../src/workflows/nightly"
import { sendLoyaltyNotificationWorkflow } from "../../src/workflows/notifications"
import { reviewTiersWorkflow } from "../../src/workflows/tiers"
import { runReconciliationWorkflow } from "../../src/workflows/reconciliation"
import { eventually, outcome } from "../helpers/async"
import { createAdminUser } from "../helpers/create-admin-user"

jest.setTimeout(180_000)

// The runner reads medusa-config.ts before it applies its `env`: notifications are turned
// on here (all events by email, tier changes on the local provider's feed), and off after.
process.env.LOYALTY_POINTS_NOTIFICATIONS = "true"
afterAll(() => {
  delete process.env.LOYALTY_POINTS_NOTIFICATIONS
})

const DAY = 24 * 60 * 60 * 1000
const inDays = (days: number) => new Date(Date.now() + days * DAY)
/** A moment at the nightly hour (the `nightly.hour` option, 3 UTC by default) of a day ahead. */
const atNightlyHour = (daysAhead: number) => {
  const day = inDays(daysAhead)
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 3, 0, 0))
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: Awaited<ReturnType<typeof createAdminUser>>
    /** The plugin's event payloads by event name (objects, as the README documents them). */
    const events: Record<string, Record<string, unknown>[]> = {}
    const eventsOf = (name: string) => (events[name] ??= [])

    beforeAll(async () => {
      const eventBus = getContainer().resolve(Modules.EVENT_BUS)
      for (const name of Object.values(LoyaltyPointsEvents)) {
        eventBus.subscribe(name, async (event: Event) => {
          eventsOf(name).push((event.data ?? event) as Record<string, unknown>)
        })
      }
    })

    beforeEach(async () => {
      for (const name of Object.keys(events)) {
        events[name].length = 0
      }
      admin = await createAdminUser(getContainer())
      await api.post("/admin/loyalty-points/program", { redemption_values: { usd: 0.01 } }, admin)
    })

    afterEach(async () => {
      expect((await loyalty().reconcile()).variances).toEqual([])
    })

    const loyalty = () => getContainer().resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const knex = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    let seq = 0
    const newAccount = async () => {
      const customer = await getContainer()
        .resolve(Modules.CUSTOMER)
        .createCustomers({ email: `shopper${++seq}-${Date.now()}@example.com`, has_account: true })
      return { customer, account: await loyalty().retrieveOrCreateAccount(customer.id) }
    }
    const credit = (accountId: string, points: number, expiresAt: Date | null) =>
      loyalty().creditPoints({
        account_id: accountId,
        points,
        type: "earn",
        idempotency_key: `earn-${++seq}-${Math.random()}`,
        expires_at: expiresAt,
      })
    const balance = async (accountId: string) => (await loyalty().retrieveAccountBalance(accountId)).balance
    const entryCount = async () => Number((await knex().raw(`SELECT COUNT(*) AS n FROM loyalty_points_entry`)).rows[0].n)

    /** Two accounts with points past their date and points still good, and one with nothing due. */
    const seed = async () => {
      const ada = await newAccount()
      const bob = await newAccount()
      const eve = await newAccount()
      await credit(ada.account.id, 30, inDays(-2))
      await credit(ada.account.id, 20, inDays(-1))
      await credit(ada.account.id, 40, inDays(30))
      await credit(bob.account.id, 15, inDays(-1))
      await credit(eve.account.id, 25, inDays(10))
      return { ada, bob, eve }
    }

    describe("POST /admin/loyalty-points/expire", () => {
      it("should answer 401 without an admin and expire nothing", async () => {
        const { ada } = await seed()
        const error = await outcome(api.post("/admin/loyalty-points/expire", {}))
        expect(error.status).toBe(401)
        expect(await balance(ada.account.id)).toBe(90)
      })

      it.each([
        ["a date that is not one", { as_of: "yesterday" }, /as_of/],
        ["a future date for a real run", { as_of: inDays(1).toISOString() }, /as_of may lie in the future only for a dry run/],
        ["a dry_run that is not a boolean", { dry_run: "yes" }, /dry_run/],
        ["an unknown field", { batch: 5 }, /batch/],
      ])("should refuse %s with 400 and change nothing", async (_label, body, message) => {
        const { ada } = await seed()
        const before = await entryCount()
        const error = await outcome(api.post("/admin/loyalty-points/expire", body, admin))
        expect(error.status).toBe(400)
        expect(error.data.message).toMatch(message)
        expect(await entryCount()).toBe(before)
        expect(await balance(ada.account.id)).toBe(90)
      })

      it("should answer a dry run per account and in total, and change nothing", async () => {
        const { ada, bob, eve } = await seed()
        const before = await entryCount()
        const { data } = await api.post("/admin/loyalty-points/expire", { dry_run: true }, admin)
        expect(data.expiry).toMatchObject({ dry_run: true, accounts: 2, lots: 3, points: 65, money_amount: 0.65, currency_code: "usd" })
        expect(data.expiry.per_account).toEqual(
          expect.arrayContaining([
            { account_id: ada.account.id, customer_id: ada.customer.id, entry_id: null, points: 50, lots: 2, money_amount: 0.5, balance: null },
            { account_id: bob.account.id, customer_id: bob.customer.id, entry_id: null, points: 15, lots: 1, money_amount: 0.15, balance: null },
          ])
        )
        const ahead = await api.post("/admin/loyalty-points/expire", { dry_run: true, as_of: inDays(20).toISOString() }, admin)
        expect(ahead.data.expiry).toMatchObject({ accounts: 3, points: 90 })

        expect(await entryCount()).toBe(before)
        expect([await balance(ada.account.id), await balance(bob.account.id), await balance(eve.account.id)]).toEqual([90, 15, 25])
        await new Promise((resolve) => setTimeout(resolve, 300))
        expect(eventsOf(LoyaltyPointsEvents.EXPIRED)).toEqual([])
      })

      it("should expire what is due, one entry and one event per account, and nothing the second time", async () => {
        const { ada, bob, eve } = await seed()
        const { data } = await api.post("/admin/loyalty-points/expire", {}, admin)
        expect(data.expiry).toMatchObject({ dry_run: false, accounts: 2, lots: 3, points: 65, money_amount: 0.65 })
        expect([await balance(ada.account.id), await balance(bob.account.id), await balance(eve.account.id)]).toEqual([40, 0, 25])

        const { rows: entries } = await knex().raw(
          `SELECT account_id, points, money_amount, actor_type, reason FROM loyalty_points_entry WHERE type = 'expire' ORDER BY points`
        )
        expect(entries).toEqual([
          { account_id: ada.account.id, points: -50, money_amount: "0.500000", actor_type: "system", reason: "expired" },
          { account_id: bob.account.id, points: -15, money_amount: "0.150000", actor_type: "system", reason: "expired" },
        ])
        const expired = await eventually(async () => {
          expect(eventsOf(LoyaltyPointsEvents.EXPIRED)).toHaveLength(2)
          return eventsOf(LoyaltyPointsEvents.EXPIRED)
        })
        expect(expired).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ account_id: ada.account.id, customer_id: ada.customer.id, points: 50, money_amount: 0.5, currency_code: "usd", balance: 40 }),
            expect.objectContaining({ account_id: bob.account.id, customer_id: bob.customer.id, points: 15, money_amount: 0.15, balance: 0 }),
          ])
        )

        const again = await api.post("/admin/loyalty-points/expire", {}, admin)
        expect(again.data.expiry).toMatchObject({ accounts: 0, points: 0, per_account: [] })
        await new Promise((resolve) => setTimeout(resolve, 300))
        expect(eventsOf(LoyaltyPointsEvents.EXPIRED)).toHaveLength(2)
        expect(await balance(ada.account.id)).toBe(40)
      })
    })

    describe("the nightly workflow", () => {
      it("should expire once when two runs overlap, with one event per account", async () => {
        const accounts: LedgerAccountDTO[] = []
        for (let i = 0; i < 5; i++) {
          const { account } = await newAccount()
          await credit(account.id, 10 + i, inDays(-1))
          await credit(account.id, 7, inDays(40))
          accounts.push(account)
        }
        const runs = await Promise.all([
          expireLoyaltyPointsWorkflow(getContainer()).run({ input: { batch_size: 2 } }),
          expireLoyaltyPointsWorkflow(getContainer()).run({ input: { batch_size: 3 } }),
          runNightlyLoyaltyWorkflow(getContainer()).run({ input: {} }),
        ])
        const points = runs[0].result.points + runs[1].result.points + (runs[2].result.expiry?.points ?? 0)
        expect(points).toBe(10 + 11 + 12 + 13 + 14)
        for (const account of accounts) {
          expect(await balance(account.id)).toBe(7)
        }
        const { rows } = await knex().raw(`SELECT COUNT(*) AS n FROM loyalty_points_entry WHERE type = 'expire'`)
        expect(Number(rows[0].n)).toBe(5)
        await eventually(async () => expect(eventsOf(LoyaltyPointsEvents.EXPIRED)).toHaveLength(5))
        await new Promise((resolve) => setTimeout(resolve, 300))
        expect(new Set(eventsOf(LoyaltyPointsEvents.EXPIRED).map((event) => event.account_id)).size).toBe(5)
        expect(eventsOf(LoyaltyPointsEvents.EXPIRED)).toHaveLength(5)
      })

      it("should run a scheduled tick only at the configured hour and once per day across runs", async () => {
        const { ada } = await seed()
        const offHour = await runNightlyLoyaltyWorkflow(getContainer()).run({
          input: { scheduled: true, as_of: new Date(atNightlyHour(1).getTime() + 60 * 60 * 1000) },
        })
        expect(offHour.result).toMatchObject({ claimed: false, reason: "not_the_hour", expiry: null })
        expect(await balance(ada.account.id)).toBe(90)

        const tick = atNightlyHour(2)
        const runs = await Promise.all(
          [0, 1, 2].map(() => runNightlyLoyaltyWorkflow(getContainer()).run({ input: { scheduled: true, as_of: tick } }))
        )
        const claimed = runs.filter((run) => run.result.claimed)
        expect(claimed).toHaveLength(1)
        expect(claimed[0].result).toMatchObject({ reason: "claimed", expiry: { accounts: 2, points: 65 } })
        expect(runs.filter((run) => run.result.reason === "already_claimed")).toHaveLength(2)
        const later = await runNightlyLoyaltyWorkflow(getContainer()).run({ input: { scheduled: true, as_of: tick } })
        expect(later.result.reason).toBe("already_claimed")
        expect(await balance(ada.account.id)).toBe(40)
      })

      it("should expire and announce batch by batch, every account's events once, with the night's totals", async () => {
        // Far in the past, so that only these lots are due or in the reminder window.
        const asOf = inDays(-3000)
        const accounts: LedgerAccountDTO[] = []
        for (let i = 0; i < 5; i++) {
          const { account } = await newAccount()
          await credit(account.id, 10 + i, inDays(-3001))
          await credit(account.id, 1 + i, inDays(-2990))
          await credit(account.id, 100, null)
          accounts.push(account)
        }
        const ids = new Set(accounts.map((account) => account.id))
        const mine = (name: string) => eventsOf(name).filter((event) => ids.has(String(event.account_id)))

        // Two paged runs at once: between them each account expires once and each lot is announced once.
        const nights = await Promise.all([
          runNightlyLoyaltyWorkflow(getContainer()).run({ input: { as_of: asOf, batch_size: 2 } }),
          runNightlyLoyaltyWorkflow(getContainer()).run({ input: { as_of: asOf, batch_size: 3 } }),
        ])
        const total = (pick: (night: (typeof nights)[number]["result"]) => number | undefined) =>
          nights.reduce((sum, night) => sum + (pick(night.result) ?? 0), 0)
        expect(nights.every((night) => night.result.claimed && night.result.expiry?.currency_code === "usd")).toBe(true)
        expect([
          total((night) => night.expiry?.accounts),
          total((night) => night.expiry?.lots),
          total((night) => night.expiry?.points),
          total((night) => night.reminders ?? undefined),
        ]).toEqual([5, 5, 60, 5])
        expect(total((night) => night.expiry?.money_amount)).toBeCloseTo(0.6, 6)
        for (const [i, account] of accounts.entries()) {
          expect(await balance(account.id)).toBe(101 + i)
        }
        await eventually(async () => {
          expect(mine(LoyaltyPointsEvents.EXPIRED)).toHaveLength(5)
          expect(mine(LoyaltyPointsEvents.EXPIRING)).toHaveLength(5)
        })
        expect(mine(LoyaltyPointsEvents.EXPIRED).map((event) => [event.account_id, event.points, event.balance]).sort()).toEqual(
          accounts.map((account, i) => [account.id, 10 + i, 101 + i]).sort()
        )
        expect(mine(LoyaltyPointsEvents.EXPIRING).map((event) => Number(event.points)).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5])

        const again = await runNightlyLoyaltyWorkflow(getContainer()).run({ input: { as_of: asOf, batch_size: 2 } })
        expect(again.result).toMatchObject({ expiry: { accounts: 0, points: 0 }, reminders: 0 })
        await new Promise((resolve) => setTimeout(resolve, 300))
        expect(mine(LoyaltyPointsEvents.EXPIRED)).toHaveLength(5)
        expect(mine(LoyaltyPointsEvents.EXPIRING)).toHaveLength(5)

        // Leaves nothing due for the tests that follow.
        expect((await expireLoyaltyPointsWorkflow(getContainer()).run({ input: { as_of: inDays(-2989) } })).result.points).toBe(15)
      })
    })

    describe("reminders", () => {
      const remind = (as_of?: Date) => remindExpiringPointsWorkflow(getContainer()).run({ input: { as_of } })

      it("should announce each lot expiring within the window once, with its points and date", async () => {
        const ada = await newAccount()
        const bob = await newAccount()
        const soon = inDays(10)
        await credit(ada.account.id, 30, soon)
        await credit(ada.account.id, 40, inDays(45))
        await credit(ada.account.id, 5, inDays(-1))
        await credit(ada.account.id, 9, null)
        await credit(bob.account.id, 12, inDays(29))

        const first = await remind()
        expect(first.result.reminder_days).toBe(30)
        expect(first.result.reminders.map((r) => [r.account_id, r.points])).toEqual([
          [ada.account.id, 30],
          [bob.account.id, 12],
        ])
        const expiring = await eventually(async () => {
          expect(eventsOf(LoyaltyPointsEvents.EXPIRING)).toHaveLength(2)
          return eventsOf(LoyaltyPointsEvents.EXPIRING)
        })
        expect(expiring).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ account_id: ada.account.id, customer_id: ada.customer.id, points: 30, expires_at: soon.toISOString() }),
            expect.objectContaining({ account_id: bob.account.id, points: 12 }),
          ])
        )

        const [again, alongside] = await Promise.all([remind(), remind()])
        expect(again.result.reminders).toEqual([])
        expect(alongside.result.reminders).toEqual([])

        // A lot whose date moves is announced again for its new date; the next window reaches the 45-day lot.
        const [lot] = (
          await knex().raw(`SELECT id FROM loyalty_points_lot WHERE account_id = ? AND points = 30`, [ada.account.id])
        ).rows
        const moved = inDays(20)
        await knex().raw(`UPDATE loyalty_points_lot SET expires_at = ? WHERE id = ?`, [moved, lot.id])
        const later = await remind(inDays(16))
        expect(later.result.reminders.map((r) => [r.lot_id === lot.id, r.points])).toEqual([
          [true, 30],
          [false, 40],
        ])
        await eventually(async () => expect(eventsOf(LoyaltyPointsEvents.EXPIRING)).toHaveLength(4))
        await new Promise((resolve) => setTimeout(resolve, 300))
        expect(eventsOf(LoyaltyPointsEvents.EXPIRING)).toHaveLength(4)
        const { rows } = await knex().raw(`SELECT COUNT(*) AS n FROM loyalty_points_expiry_reminder`)
        expect(Number(rows[0].n)).toBe(4)
      })

      it("should announce once when two runs race from scratch, and follow the programme's window", async () => {
        await api.post("/admin/loyalty-points/program", { expiry: { reminder_days: 7 } }, admin)
        const ada = await newAccount()
        for (let i = 1; i <= 9; i++) {
          await credit(ada.account.id, i, inDays(i))
        }
        const runs = await Promise.all([remind(), remind(), remind()])
        const announced = runs.flatMap((run) => run.result.reminders.map((r) => r.points)).sort()
        expect(announced).toEqual([1, 2, 3, 4, 5, 6, 7])
        await api.post("/admin/loyalty-points/program", { expiry: { reminder_days: 0 } }, admin)
        expect((await remind(inDays(1))).result.reminders).toEqual([])
      })
    })

    describe("tier review", () => {
      const review = (as_of: Date) => reviewTiersWorkflow(getContainer()).run({ input: { as_of } })
      const tierOf = async (accountId: string) => (await loyalty().retrieveAccountBalance(accountId)).tier_id
      const setup = async () => {
        await api.post("/admin/loyalty-points/program", { tier_retention_days: 10 }, admin)
        const silver = (await api.post("/admin/loyalty-points/tiers", { name: "Silver", rank: 1, threshold: 200 }, admin)).data.tier
        const gold = (await api.post("/admin/loyalty-points/tiers", { name: "Gold", rank: 2, threshold: 500 }, admin)).data.tier
        const member = async (earned: number, clawedBack: number) => {
          const { account, customer } = await newAccount()
          await credit(account.id, earned, null)
          expect((await loyalty().raiseTierIfQualified(account.id)).tier_id).toBe(gold.id)
          if (clawedBack) {
            await loyalty().debitPoints({
              account_id: account.id,
              points: clawedBack,
              type: "clawback",
              allow_debt: true,
              idempotency_key: `claw-${account.id}`,
            })
          }
          return { account, customer }
        }
        return { silver, gold, member }
      }

      it("should drop a tier after the retention period and not before, clawbacks leaving the qualifying figure", async () => {
        const { silver, gold, member } = await setup()
        const none = await member(600, 450) // 150 left: below Silver too
        const toSilver = await member(600, 200) // 400 left: still Silver
        const kept = await member(600, 0)

        const first = await review(new Date())
        expect(first.result).toMatchObject({ accounts_reviewed: 3, newly_below: 2, dropped: [] })
        expect(await tierOf(none.account.id)).toBe(gold.id)
        expect((await review(inDays(9.9))).result).toMatchObject({ newly_below: 0, dropped: [] })
        expect(await tierOf(toSilver.account.id)).toBe(gold.id)

        const [due, alongside] = await Promise.all([review(inDays(10.1)), review(inDays(10.1))])
        const dropped = [...due.result.dropped, ...alongside.result.dropped]
        expect(dropped.map((d) => [d.account_id, d.previous_tier_id, d.tier_id]).sort()).toEqual(
          [
            [none.account.id, gold.id, null],
            [toSilver.account.id, gold.id, silver.id],
          ].sort()
        )
        expect([await tierOf(none.account.id), await tierOf(toSilver.account.id), await tierOf(kept.account.id)]).toEqual([
          null,
          silver.id,
          gold.id,
        ])
        const changes = await eventually(async () => {
          expect(eventsOf(LoyaltyPointsEvents.TIER_CHANGED)).toHaveLength(2)
          return eventsOf(LoyaltyPointsEvents.TIER_CHANGED)
        })
        expect(changes).toEqual(
          expect.arrayContaining([
            { account_id: none.account.id, customer_id: none.customer.id, previous_tier_id: gold.id, tier_id: null, reason: "review" },
            { account_id: toSilver.account.id, customer_id: toSilver.customer.id, previous_tier_id: gold.id, tier_id: silver.id, reason: "review" },
          ])
        )
        expect((await review(inDays(11))).result.dropped).toEqual([])
        await new Promise((resolve) => setTimeout(resolve, 300))
        expect(eventsOf(LoyaltyPointsEvents.TIER_CHANGED)).toHaveLength(2)
      })

      it("should stop the retention clock for an account that qualifies again, and drop when the window has passed", async () => {
        const { gold, member } = await setup()
        const back = await member(600, 200)
        await review(new Date())
        await credit(back.account.id, 150, null)
        expect((await review(inDays(5))).result).toMatchObject({ recovered: 1, dropped: [] })
        expect((await review(inDays(20))).result.dropped).toEqual([])
        expect(await tierOf(back.account.id)).toBe(gold.id)

        // The points were earned more than the tier's 12-month window ago by then.
        expect((await review(inDays(400))).result).toMatchObject({ newly_below: 1, dropped: [] })
        const late = await review(inDays(411))
        expect(late.result.dropped).toEqual([expect.objectContaining({ account_id: back.account.id, tier_id: null })])
      })
    })

    describe("GET /admin/loyalty-points/reports/reconciliation", () => {
      it("should store each nightly run, report a variance with its figures and emit reconciliation_failed", async () => {
        const { ada, bob } = await seed()
        const clean = await runNightlyLoyaltyWorkflow(getContainer()).run({ input: {} })
        expect(clean.result.reconciliation).toMatchObject({ accounts_checked: 3, variance_count: 0 })

        await knex().raw(`UPDATE loyalty_points_account SET balance = balance + 7 WHERE id = ?`, [bob.account.id])
        const { result: run } = await runReconciliationWorkflow(getContainer()).run({ input: { batch_size: 2 } })
        expect(run).toMatchObject({ accounts_checked: 3, variance_count: 2 })
        expect(run.variances).toEqual(
          expect.arrayContaining([
            { account_id: bob.account.id, field: "balance", recorded: 7, expected: 0 },
            { account_id: bob.account.id, field: "lots", recorded: 0, expected: 7 },
          ])
        )
        const failed = await eventually(async () => {
          expect(eventsOf(LoyaltyPointsEvents.RECONCILIATION_FAILED)).toHaveLength(1)
          return eventsOf(LoyaltyPointsEvents.RECONCILIATION_FAILED)[0]
        })
        expect(failed).toMatchObject({ id: run.id, accounts_checked: 3, variance_count: 2 })
        await knex().raw(`UPDATE loyalty_points_account SET balance = balance - 7 WHERE id = ?`, [bob.account.id])

        const { data } = await api.get("/admin/loyalty-points/reports/reconciliation", admin)
        expect(data).toMatchObject({ count: 2, limit: 10, offset: 0 })
        expect(data.reconciliation_runs.map((r: LoyaltyReconciliationRunDTO) => [r.id, r.variance_count])).toEqual([
          [run.id, 2],
          [clean.result.reconciliation!.id, 0],
        ])
        expect(data.reconciliation_runs[0]).toMatchObject({ accounts_checked: 3, started_at: expect.any(String), finished_at: expect.any(String) })
        expect(data.reconciliation_runs[0].variances).toHaveLength(2)
        const page = await api.get("/admin/loyalty-points/reports/reconciliation?limit=1&offset=1", admin)
        expect(page.data.reconciliation_runs.map((r: LoyaltyReconciliationRunDTO) => r.id)).toEqual([clean.result.reconciliation!.id])
        expect(ada.account.id).toBeDefined()

        expect((await outcome(api.get("/admin/loyalty-points/reports/reconciliation"))).status).toBe(401)
        const bad = await outcome(api.get("/admin/loyalty-points/reports/reconciliation?limit=0", admin))
        expect(bad.status).toBe(400)
      })
    })

    describe("notifications", () => {
      const stored = async (template: string) =>
        await getContainer()
          .resolve(Modules.NOTIFICATION)
          .listNotifications({ template }, { order: { created_at: "ASC" } })
      const storedExactly = (template: string, count: number) =>
        eventually(async () => {
          const found = await stored(template)
          expect(found).toHaveLength(count)
          return found
        })

      it("should store one notification per event through the Notification Module, once however often the event comes", async () => {
        const { ada, bob, eve } = await seed()
        await api.post("/admin/loyalty-points/expire", {}, admin)
        const expired = await storedExactly("loyalty-points-expired", 2)
        expect(expired).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              to: ada.customer.email,
              channel: "email",
              receiver_id: ada.customer.id,
              trigger_type: "loyalty_points.expired",
              data: expect.objectContaining({ points: 50, money_amount: 0.5, balance: 40 }),
            }),
            expect.objectContaining({ to: bob.customer.email, data: expect.objectContaining({ points: 15 }) }),
          ])
        )

        await remindExpiringPointsWorkflow(getContainer()).run({ input: {} })
        await remindExpiringPointsWorkflow(getContainer()).run({ input: {} })
        const expiring = await storedExactly("loyalty-points-expiring", 2)
        expect(expiring).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ to: eve.customer.email, data: expect.objectContaining({ points: 25 }) }),
            expect.objectContaining({ to: ada.customer.email, data: expect.objectContaining({ points: 40 }) }),
          ])
        )

        await api.post("/admin/loyalty-points/program", { tier_retention_days: 0 }, admin)
        const gold = (await api.post("/admin/loyalty-points/tiers", { name: "Gold", rank: 1, threshold: 60 }, admin)).data.tier
        await loyalty().raiseTierIfQualified(ada.account.id)
        expect(await loyalty().retrieveAccountBalance(ada.account.id)).toMatchObject({ tier_id: gold.id })
        await loyalty().debitPoints({ account_id: ada.account.id, points: 40, type: "clawback", idempotency_key: "claw-ada" })
        await reviewTiersWorkflow(getContainer()).run({ input: {} })
        const tier = await storedExactly("loyalty-tier-news", 1)
        expect(tier[0]).toMatchObject({
          to: ada.customer.email,
          channel: "feed",
          data: expect.objectContaining({ previous_tier_id: gold.id, tier_id: null }),
        })

        // The order-side events, delivered twice each (and the second time concurrently).
        const eventBus = getContainer().resolve(Modules.EVENT_BUS)
        const orderEvents: [string, Record<string, unknown>][] = [
          [LoyaltyPointsEvents.EARNED, { id: "lpent_earned", account_id: ada.account.id, customer_id: ada.customer.id, order_id: "order_1", points: 12, balance: 12 }],
          [LoyaltyPointsEvents.REDEEMED, { id: "lpent_redeemed", account_id: ada.account.id, customer_id: ada.customer.id, order_id: "order_2", points: 5 }],
          [LoyaltyPointsEvents.CLAWED_BACK, { id: "lpent_clawed", account_id: bob.account.id, customer_id: bob.customer.id, order_id: "order_3", points: 3, written_off: 0, balance: 0 }],
        ]
        for (const [name, data] of orderEvents) {
          await eventBus.emit({ name, data })
          await Promise.all([eventBus.emit({ name, data }), eventBus.emit({ name, data })])
        }
        expect((await storedExactly("loyalty-points-earned", 1))[0]).toMatchObject({ to: ada.customer.email, data: expect.objectContaining({ points: 12 }) })
        expect((await storedExactly("loyalty-points-redeemed", 1))[0]).toMatchObject({ data: expect.objectContaining({ order_id: "order_2" }) })
        expect((await storedExactly("loyalty-points-clawed-back", 1))[0]).toMatchObject({ to: bob.customer.email })
        await new Promise((resolve) => setTimeout(resolve, 500))
        for (const [template, count] of [
          ["loyalty-points-expired", 2],
          ["loyalty-points-expiring", 2],
          ["loyalty-tier-news", 1],
          ["loyalty-points-earned", 1],
          ["loyalty-points-redeemed", 1],
          ["loyalty-points-clawed-back", 1],
        ] as const) {
          expect(await stored(template)).toHaveLength(count)
        }
      })

      it("should remind a shopper once for each day their points expire, with every lot of that day", async () => {
        await api.post("/admin/loyalty-points/program", { expiry: { reminder_days: 30 } }, admin)
        const zoe = await newAccount()
        const day = inDays(6)
        const at = (dayOffset: number, hour: number) =>
          new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + dayOffset, hour))
        // Two lots on one day (two orders a year ago, or a period's lots), one on another.
        await credit(zoe.account.id, 30, at(0, 9))
        await credit(zoe.account.id, 20, at(0, 15))
        await credit(zoe.account.id, 9, at(2, 12))
        const zoes = async () => (await stored("loyalty-points-expiring")).filter((notification) => notification.to === zoe.customer.email)

        await remindExpiringPointsWorkflow(getContainer()).run({ input: {} })
        await eventually(async () => expect(await zoes()).toHaveLength(2))
        await new Promise((resolve) => setTimeout(resolve, 500))
        const sent = await zoes()
        expect(sent).toHaveLength(2)
        expect(sent.map((notification) => Number(notification.data!.points)).sort((a, b) => a - b)).toEqual([9, 50])
        const first = sent.find((notification) => notification.data!.points === 50)!
        expect([20, 30]).toContain(first.data!.lot_points)

        // A day with nothing left to expire (spent, or expired since) sends nothing.
        const nothing = await sendLoyaltyNotificationWorkflow(getContainer()).run({
          input: {
            event_name: LoyaltyPointsEvents.EXPIRING,
            data: { account_id: zoe.account.id, customer_id: zoe.customer.id, lot_id: "lplot_gone", points: 5, expires_at: at(1, 12).toISOString() },
          },
        })
        expect(nothing.result).toEqual({ sent: false, reason: "nothing_expiring" })
        expect(await zoes()).toHaveLength(2)
      })
    })

    describe("POST /admin/loyalty-points/program expiry", () => {
      it("should save each policy and refuse a bad one with 400", async () => {
        const { data } = await api.post(
          "/admin/loyalty-points/program",
          { expiry: { policy: "end_of_period", period: "month", months: 3, reminder_days: 14 } },
          admin
        )
        expect(data.program.expiry).toEqual({ policy: "end_of_period", days: 365, period: "month", months: 3, reminder_days: 14 })
        const inactivity = await api.post("/admin/loyalty-points/program", { expiry: { policy: "inactivity", days: 180 } }, admin)
        expect(inactivity.data.program.expiry).toMatchObject({ policy: "inactivity", days: 180 })

        for (const expiry of [{ policy: "yearly" }, { period: "week" }, { months: -1 }, { days: 0 }]) {
          const error = await outcome(api.post("/admin/loyalty-points/program", { expiry }, admin))
          expect(error.status).toBe(400)
          expect(error.data.message).toMatch(/expiry/)
        }
        expect((await api.get("/admin/loyalty-points/program", admin)).data.program.expiry).toMatchObject({
          policy: "inactivity",
          days: 180,
        })
      })
    })
  },
})
