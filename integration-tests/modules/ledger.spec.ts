import path from "path"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import {
  LOYALTY_POINTS_MODULE,
  type CreditPointsInput,
  type ILoyaltyPointsModuleService,
  type LedgerAccountDTO,
} from "../../src/types"

jest.setTimeout(120_000)

const DAY = 24 * 60 * 60 * 1000
const inDays = (days: number) => new Date(Date.now() + days * DAY)

/** A row of loyalty_points_lot as lotsOf reads it (MikroORM's connection leaves timestamps as strings). */
type LotRow = { id: string; points: number; remaining: number; expires_at: string | null; origin_lot_id: string | null }
/** COUNT(*) is a bigint, which the driver gives as a string. */
type CountRow = { n: string }

moduleIntegrationTestRunner<ILoyaltyPointsModuleService>({
  moduleName: LOYALTY_POINTS_MODULE,
  // Several checkouts of the repository may run this suite at once on one server.
  dbName: `medusa-loyalty-points-module-${process.pid}`,
  resolve: path.join(__dirname, "../../src/modules/loyalty-points"),
  pathToMigrations: path.join(__dirname, "../../src/modules/loyalty-points/migrations"),
  moduleOptions: {
    program: {
      redemption_values: { usd: 0.01, eur: 0.02 },
      default_currency_code: "usd",
      expiry: { policy: "days_after_earn", days: 365 },
      restore_grace_days: 30,
    },
  },
  testSuite: ({ service, MikroOrmWrapper }) => {
    let seq = 0
    const key = (label: string) => `${label}-${++seq}-${Math.random().toString(36).slice(2)}`
    /** The rows of a query, of the shape the caller names. */
    const sql = async <T extends object = Record<string, unknown>>(query: string, params: unknown[] = []) =>
      await MikroOrmWrapper.getManager().getConnection().execute<T[]>(query, params)

    const newAccount = async (customerId = `cus_${key("c")}`) => service.retrieveOrCreateAccount(customerId)

    const credit = (accountId: string, points: number, extra: Partial<CreditPointsInput> = {}) =>
      service.creditPoints({
        account_id: accountId,
        points,
        type: "earn",
        idempotency_key: key("credit"),
        reason: "test",
        ...extra,
      })

    const lotsOf = async (accountId: string) =>
      sql<LotRow>(
        `SELECT id, points, remaining, expires_at, origin_lot_id FROM loyalty_points_lot WHERE account_id = ? ORDER BY created_at, id`,
        [accountId]
      )

    const snapshot = async (accountId: string) => ({
      account: await service.retrieveAccountBalance(accountId),
      entries: Number((await sql<CountRow>(`SELECT COUNT(*) AS n FROM loyalty_points_entry WHERE account_id = ?`, [accountId]))[0].n),
      lots: await lotsOf(accountId),
      holds: await sql<{ id: string; status: string; points: number }>(`SELECT id, status, points FROM loyalty_points_hold WHERE account_id = ? ORDER BY id`, [accountId]),
    })

    // Declared in a nested describe so it runs before the runner clears the database.
    describe("LoyaltyPointsModuleService", () => {
      afterEach(async () => {
        const result = await service.reconcile()
        expect(result.variances).toEqual([])
      })

      describe("accounts", () => {
        it("creates one zero account per customer and reuses it", async () => {
          const first = await service.retrieveOrCreateAccount("cus_same")
          const again = await service.retrieveOrCreateAccount("cus_same")
          expect(again.id).toBe(first.id)
          expect(first).toMatchObject({ balance: 0, pending: 0, held: 0, available: 0, lifetime_earned: 0 })
        })

        it("creates exactly one account when asked concurrently", async () => {
          const accounts = await Promise.all(
            Array.from({ length: 8 }, () => service.retrieveOrCreateAccount("cus_race"))
          )
          expect(new Set(accounts.map((a) => a.id)).size).toBe(1)
        })
      })

      describe("creditPoints", () => {
        it("opens a lot with the given expiry and raises balance and lifetime earned", async () => {
          const account = await newAccount()
          const expiresAt = inDays(10)
          const { entry, account: after } = await credit(account.id, 120, {
            expires_at: expiresAt,
            actor_type: "user",
            actor_id: "user_1",
            currency_code: "usd",
            order_id: "order_1",
          })
          expect(entry).toMatchObject({
            type: "earn",
            points: 120,
            balance_change: 120,
            actor_type: "user",
            actor_id: "user_1",
            money_amount: 1.2,
            currency_code: "usd",
            order_id: "order_1",
          })
          expect(after).toMatchObject({ balance: 120, available: 120, lifetime_earned: 120 })
          const [lot] = await lotsOf(account.id)
          expect(lot).toMatchObject({ points: 120, remaining: 120 })
          expect(new Date(lot.expires_at!).getTime()).toBe(expiresAt.getTime())
        })

        it("defaults the expiry to the programme's days after earn, and null never expires", async () => {
          const account = await newAccount()
          await credit(account.id, 10)
          await credit(account.id, 5, { expires_at: null })
          const [defaulted, never] = await lotsOf(account.id)
          const days = (new Date(defaulted.expires_at!).getTime() - Date.now()) / DAY
          expect(days).toBeGreaterThan(364.9)
          expect(days).toBeLessThan(365.1)
          expect(never.expires_at).toBeNull()
        })

        it("moves pending points to spendable with from_pending", async () => {
          const account = await newAccount()
          await service.addPendingPoints({ account_id: account.id, points: 80, idempotency_key: key("p") })
          const { account: after, entry } = await credit(account.id, 50, { from_pending: 50 })
          expect(entry.pending_change).toBe(-50)
          expect(after).toMatchObject({ balance: 50, pending: 30 })
        })

        it("applies the same idempotency key once and returns the first result", async () => {
          const account = await newAccount()
          const idempotency_key = key("same")
          const first = await credit(account.id, 40, { idempotency_key })
          const second = await credit(account.id, 40, { idempotency_key })
          expect(second.replayed).toBe(true)
          expect(second.entry.id).toBe(first.entry.id)
          const after = await snapshot(account.id)
          expect(after.account.balance).toBe(40)
          expect(after.entries).toBe(1)
          expect(after.lots).toHaveLength(1)
        })

        it("refuses a reused key carrying a different change and changes nothing", async () => {
          const account = await newAccount()
          const idempotency_key = key("reuse")
          await credit(account.id, 40, { idempotency_key })
          const before = await snapshot(account.id)
          await expect(credit(account.id, 41, { idempotency_key })).rejects.toThrow(/already used for a different change/)
          expect(await snapshot(account.id)).toEqual(before)
        })

        it.each([
          ["zero", 0],
          ["negative", -5],
          ["fractional", 1.5],
          ["a string", "10"],
          ["NaN", Number.NaN],
        ])("refuses %s points and changes nothing", async (_label, points) => {
          const account = await newAccount()
          await credit(account.id, 10)
          const before = await snapshot(account.id)
          await expect(credit(account.id, points as number)).rejects.toThrow(/points must be a whole number/)
          expect(await snapshot(account.id)).toEqual(before)
        })

        it("refuses an unknown account, a missing key and a bad date", async () => {
          await expect(credit("lpacc_missing", 10)).rejects.toThrow(/Loyalty account lpacc_missing was not found/)
          const account = await newAccount()
          const before = await snapshot(account.id)
          await expect(credit(account.id, 10, { idempotency_key: "" })).rejects.toThrow(/idempotency_key is required/)
          await expect(credit(account.id, 10, { expires_at: "not a date" })).rejects.toThrow(/expires_at must be a valid date/)
          // Dates `new Date` reads anyway: a day that does not exist (2 March) and prose.
          await expect(credit(account.id, 10, { expires_at: "2099-02-30" })).rejects.toThrow(/expires_at must be a valid date/)
          await expect(credit(account.id, 10, { expires_at: "March 5 2099" })).rejects.toThrow(/expires_at must be a valid date/)
          // A debit type, refused by a credit.
          await expect(credit(account.id, 10, { type: "redeem" as unknown as CreditPointsInput["type"] })).rejects.toThrow(
            /type must be one of/
          )
          await expect(credit(account.id, 10, { from_pending: 5 })).rejects.toThrow(/exceeds/)
          expect(await snapshot(account.id)).toEqual(before)
        })
      })

      describe("debitPoints", () => {
        it("takes from the first-expiring lots first, never-expiring last", async () => {
          const account = await newAccount()
          await credit(account.id, 20, { expires_at: null })
          await credit(account.id, 50, { expires_at: inDays(30) })
          await credit(account.id, 30, { expires_at: inDays(10) })
          const { entry, account: after } = await service.debitPoints({
            account_id: account.id,
            points: 60,
            type: "redeem",
            idempotency_key: key("d"),
          })
          expect(after).toMatchObject({ balance: 40, lifetime_redeemed: 60 })
          const lots = await lotsOf(account.id)
          expect(lots.map((l) => l.remaining)).toEqual([20, 20, 0])
          const consumption = await sql<{ lot_id: string; points: number }>(
            `SELECT lot_id, points FROM loyalty_points_lot_consumption WHERE entry_id = ? ORDER BY points`,
            [entry.id]
          )
          expect(consumption).toEqual([
            { lot_id: lots[2].id, points: 30 },
            { lot_id: lots[1].id, points: 30 },
          ])
        })

        it("refuses to take available below zero (409) and changes nothing", async () => {
          const account = await newAccount()
          await credit(account.id, 100)
          await service.holdPoints({ account_id: account.id, cart_id: "cart_a", points: 70, idempotency_key: key("h") })
          const before = await snapshot(account.id)
          const error = await service
            .debitPoints({ account_id: account.id, points: 31, idempotency_key: key("d") })
            .catch((e) => e)
          expect(error.type).toBe("conflict")
          expect(error.message).toBe("Not enough points: 30 available, 31 requested")
          expect(await snapshot(account.id)).toEqual(before)
        })

        it("goes into debt only when allowed, and a later credit pays the debt first", async () => {
          const account = await newAccount()
          await credit(account.id, 30)
          const { account: inDebt } = await service.debitPoints({
            account_id: account.id,
            points: 50,
            type: "clawback",
            allow_debt: true,
            idempotency_key: key("claw"),
          })
          expect(inDebt).toMatchObject({ balance: -20, lifetime_earned: -20 })
          const { account: after, entry } = await credit(account.id, 100)
          expect(after.balance).toBe(80)
          expect(entry.metadata).toMatchObject({ debt_paid: 20 })
          const lots = await lotsOf(account.id)
          expect(lots.map((l) => l.remaining)).toEqual([0, 80])
        })

        it("replays the same key without debiting twice", async () => {
          const account = await newAccount()
          await credit(account.id, 100)
          const input = { account_id: account.id, points: 30, idempotency_key: key("d") }
          await service.debitPoints(input)
          const again = await service.debitPoints(input)
          expect(again.replayed).toBe(true)
          expect((await service.retrieveAccountBalance(account.id)).balance).toBe(70)
        })

        it("never lets 20 concurrent debits of 10 overspend 100 points", async () => {
          const account = await newAccount()
          await credit(account.id, 100)
          const results = await Promise.allSettled(
            Array.from({ length: 20 }, (_, i) =>
              service.debitPoints({ account_id: account.id, points: 10, type: "redeem", idempotency_key: `race-${account.id}-${i}` })
            )
          )
          const succeeded = results.filter((r) => r.status === "fulfilled")
          const failed = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[]
          expect(succeeded).toHaveLength(10)
          expect(failed).toHaveLength(10)
          failed.forEach((f) => expect(f.reason.message).toMatch(/Not enough points: 0 available/))
          const after = await service.retrieveAccountBalance(account.id)
          expect(after).toMatchObject({ balance: 0, available: 0, lifetime_redeemed: 100 })
          const [{ min }] = await sql<{ min: number }>(`SELECT MIN(remaining) AS min FROM loyalty_points_lot WHERE account_id = ?`, [account.id])
          expect(min).toBe(0)
        })

        // The key check and the lot take are one statement with the entry's INSERT: two
        // accounts debited at once under one key must end with one debit and the other
        // account untouched, lots included, however the two interleave.
        it("debits one account only when two race under the same key, the other untouched", async () => {
          for (let round = 0; round < 8; round++) {
            const [first, second] = [await newAccount(), await newAccount()]
            await credit(first.id, 100)
            await credit(second.id, 100)
            const [beforeFirst, beforeSecond] = [await snapshot(first.id), await snapshot(second.id)]
            const idempotencyKey = key("shared")
            const results = await Promise.allSettled(
              [first, second].map((account) =>
                service.debitPoints({ account_id: account.id, points: 30, type: "redeem", idempotency_key: idempotencyKey })
              )
            )
            const won = results.findIndex((result) => result.status === "fulfilled")
            expect(won).not.toBe(-1)
            const lost = results[1 - won] as PromiseRejectedResult
            expect(lost.status).toBe("rejected")
            expect(lost.reason.message).toMatch(/was already used for a different change/)
            const [winner, loser] = won === 0 ? [first, second] : [second, first]
            expect(await snapshot(loser.id)).toEqual(won === 0 ? beforeSecond : beforeFirst)
            expect((await lotsOf(winner.id)).map((lot) => lot.remaining)).toEqual([70])
          }
        })
      })

      describe("debitPoints up to what is available", () => {
        const clawBack = (accountId: string, points: number, idempotencyKey: string) =>
          service.debitPoints({
            account_id: accountId,
            points,
            type: "clawback",
            up_to_available: true,
            idempotency_key: idempotencyKey,
            metadata: { cause: "test" },
          })

        it("takes what is available under the lock, writes the rest off, and answers the same entry when repeated", async () => {
          const account = await newAccount()
          await credit(account.id, 30, { expires_at: inDays(30) })
          await service.holdPoints({ account_id: account.id, cart_id: `cart_${key("c")}`, points: 10, idempotency_key: key("h") })
          const idempotencyKey = key("claw")
          const first = await clawBack(account.id, 50, idempotencyKey)
          expect(first.entry).toMatchObject({ type: "clawback", points: -20, balance_change: -20, metadata: { cause: "test", written_off: 30 } })
          expect(first.account).toMatchObject({ balance: 10, held: 10, available: 0 })
          expect((await lotsOf(first.account.id)).map((lot) => lot.remaining)).toEqual([10])

          await credit(account.id, 100)
          const again = await clawBack(account.id, 50, idempotencyKey)
          expect(again).toMatchObject({ replayed: true, entry: { id: first.entry.id, points: -20 } })
          expect((await service.retrieveAccountBalance(account.id)).balance).toBe(110)
        })

        it("settles a debit with nothing available as an entry of 0 points, all written off", async () => {
          const account = await newAccount()
          const before = await snapshot(account.id)
          const { entry, account: after } = await clawBack(account.id, 40, key("claw"))
          expect(entry).toMatchObject({ points: 0, balance_change: 0, metadata: { written_off: 40 } })
          expect(after).toMatchObject({ balance: 0, lifetime_earned: 0 })
          expect((await snapshot(account.id)).lots).toEqual(before.lots)
        })

        it("takes points once when repeated at once beside the shopper's own spending, never below zero", async () => {
          const account = await newAccount()
          await credit(account.id, 100)
          const idempotencyKey = key("claw")
          const results = await Promise.all([
            clawBack(account.id, 80, idempotencyKey),
            clawBack(account.id, 80, idempotencyKey),
            service.debitPoints({ account_id: account.id, points: 60, type: "redeem", idempotency_key: key("spend") }).catch((error) => error),
            clawBack(account.id, 80, idempotencyKey),
          ])
          const clawbacks = results.filter((result) => result.entry?.type === "clawback")
          expect(clawbacks).toHaveLength(3)
          expect(clawbacks.filter((result) => !result.replayed)).toHaveLength(1)
          expect(new Set(clawbacks.map((result) => result.entry.id)).size).toBe(1)
          const taken = -clawbacks[0].entry.points
          expect(taken + clawbacks[0].entry.metadata.written_off).toBe(80)
          const spent = results[2] instanceof Error ? 0 : 60
          // Either the spend came first (60, then 40 of the 80 clawed) or the clawback (80, and the spend refused).
          expect([spent, taken]).toEqual(spent ? [60, 40] : [0, 80])
          expect((await service.retrieveAccountBalance(account.id)).balance).toBe(100 - spent - taken)
          const entries = await sql<CountRow>(`SELECT COUNT(*) AS n FROM loyalty_points_entry WHERE idempotency_key = ?`, [idempotencyKey])
          expect(Number(entries[0].n)).toBe(1)
        })

        it("refuses it with allow_debt, and a repeat of its key for another amount, changing nothing", async () => {
          const account = await newAccount()
          await credit(account.id, 50)
          const before = await snapshot(account.id)
          await expect(
            service.debitPoints({ account_id: account.id, points: 10, type: "clawback", up_to_available: true, allow_debt: true, idempotency_key: key("claw") })
          ).rejects.toThrow(/up_to_available and allow_debt exclude each other/)
          expect(await snapshot(account.id)).toEqual(before)
          const idempotencyKey = key("claw")
          await clawBack(account.id, 10, idempotencyKey)
          const after = await snapshot(account.id)
          await expect(clawBack(account.id, 20, idempotencyKey)).rejects.toMatchObject({ type: "conflict" })
          expect(await snapshot(account.id)).toEqual(after)
        })
      })

      // Outside a caller's transaction a credit or debit goes to PostgreSQL with its lock
      // in one round trip (ledger/one-trip.ts), computing the expiry from the programme's
      // settings as last seen: the write's own conditions must catch what changed since.
      describe("writes in one round trip", () => {
        it("dates the first lot after a settings change by the new settings", async () => {
          const account = await newAccount()
          await credit(account.id, 10) // the programme's settings are now known to this process
          await service.updateProgramSettings({ expiry: { policy: "days_after_earn", days: 30 } })
          try {
            const { entry } = await credit(account.id, 20)
            const [lot] = await sql<{ expires_at: string | null }>(`SELECT expires_at FROM loyalty_points_lot WHERE entry_id = ?`, [entry.id])
            const days = (new Date(lot.expires_at!).getTime() - Date.now()) / DAY
            expect(days).toBeGreaterThan(29.9)
            expect(days).toBeLessThan(30.1)
          } finally {
            await service.updateProgramSettings({ expiry: { policy: "days_after_earn", days: 365 } })
          }
          const { entry } = await credit(account.id, 5)
          const [lot] = await sql<{ expires_at: string | null }>(`SELECT expires_at FROM loyalty_points_lot WHERE entry_id = ?`, [entry.id])
          expect((new Date(lot.expires_at!).getTime() - Date.now()) / DAY).toBeGreaterThan(364.9)
        })

        it("writes one entry when 10 credits with one key race, each answering it", async () => {
          const account = await newAccount()
          await credit(account.id, 10)
          const idempotency_key = key("race-credit")
          const results = await Promise.all(Array.from({ length: 10 }, () => credit(account.id, 25, { idempotency_key })))
          expect(new Set(results.map((r) => r.entry.id)).size).toBe(1)
          expect(results.filter((r) => !r.replayed)).toHaveLength(1)
          const after = await snapshot(account.id)
          expect(after.account).toMatchObject({ balance: 35, lifetime_earned: 35 })
          expect(after.entries).toBe(2)
          expect(after.lots.map((lot) => lot.remaining)).toEqual([10, 25])
        })

        // Behind a pooler in transaction mode the EXECUTEs may reach a server connection
        // the PREPARE never did (PgBouncer 1.21+ keeps protocol-level prepared statements
        // across connections, not SQL ones); DISCARD ALL drops them too. Simulated here on
        // every idle connection of the module's pool, leaving the protocol-level ones.
        it("writes once through the locking path when a connection lost the statements prepared for one-trip writes", async () => {
          const account = await newAccount()
          // The first write shows this process the programme's settings; the second goes in one trip.
          await credit(account.id, 4)
          await credit(account.id, 6)
          // The module's own pool, as the service reaches it (facade/base.ts): not part of its interface.
          const knex = (service as unknown as { __container__: { manager: SqlEntityManager } }).__container__.manager.getKnex()
          const forgetOneTripStatements = async () => {
            const connections = await Promise.all(Array.from({ length: knex.client.pool.numFree() }, () => knex.client.acquireConnection()))
            let forgotten = 0
            for (const connection of connections) {
              const { rows } = await connection.query(`SELECT name FROM pg_prepared_statements WHERE name LIKE 'loyalty_points_trip_%'`)
              for (const { name } of rows) {
                await connection.query(`DEALLOCATE ${name}`)
                forgotten++
              }
              await knex.client.releaseConnection(connection)
            }
            return forgotten
          }
          expect(await forgetOneTripStatements()).toBeGreaterThan(0)
          expect((await credit(account.id, 25)).account.balance).toBe(35)
          // Prepared anew by the next one-trip write, then lost again before a debit.
          expect((await credit(account.id, 1)).account.balance).toBe(36)
          expect(await forgetOneTripStatements()).toBeGreaterThan(0)
          const idempotency_key = key("d")
          const debited = await service.debitPoints({ account_id: account.id, points: 12, type: "redeem", idempotency_key })
          expect(debited).toMatchObject({ replayed: false, account: { balance: 24 } })
          await credit(account.id, 2)
          await forgetOneTripStatements()
          expect(await service.debitPoints({ account_id: account.id, points: 12, type: "redeem", idempotency_key })).toMatchObject({
            replayed: true,
            entry: { id: debited.entry.id },
          })
          const after = await snapshot(account.id)
          expect(after.account).toMatchObject({ balance: 26, lifetime_earned: 38, lifetime_redeemed: 12 })
          expect(after.entries).toBe(6)
          expect(after.lots.map((lot) => lot.remaining)).toEqual([0, 0, 23, 1, 2])
        })

        it("records the debt a credit pays when the balance was below zero", async () => {
          const account = await newAccount()
          await service.debitPoints({ account_id: account.id, points: 15, type: "adjust", allow_debt: true, idempotency_key: key("d") })
          const { entry, account: after } = await credit(account.id, 40)
          expect(entry.metadata).toMatchObject({ debt_paid: 15 })
          expect(after.balance).toBe(25)
          expect((await lotsOf(account.id)).map((lot) => lot.remaining)).toEqual([25])
        })
      })

      describe("pending points", () => {
        it("adds and voids pending without touching the balance, refusing to void more than pending", async () => {
          const account = await newAccount()
          await service.addPendingPoints({ account_id: account.id, points: 40, idempotency_key: key("p"), order_id: "order_9" })
          const { account: after } = await service.voidPendingPoints({ account_id: account.id, points: 15, idempotency_key: key("v") })
          expect(after).toMatchObject({ pending: 25, balance: 0 })
          const before = await snapshot(account.id)
          await expect(
            service.voidPendingPoints({ account_id: account.id, points: 26, idempotency_key: key("v") })
          ).rejects.toThrow(/Cannot void 26 pending points: the account has 25/)
          expect(await snapshot(account.id)).toEqual(before)
        })

        it("applies a repeated pending key once", async () => {
          const account = await newAccount()
          const input = { account_id: account.id, points: 40, idempotency_key: key("p") }
          await service.addPendingPoints(input)
          await service.addPendingPoints(input)
          const voidInput = { account_id: account.id, points: 10, idempotency_key: key("v") }
          await service.voidPendingPoints(voidInput)
          await service.voidPendingPoints(voidInput)
          expect((await service.retrieveAccountBalance(account.id)).pending).toBe(30)
        })
      })

      describe("holds", () => {
        it("lowers available at once and refuses holds beyond it", async () => {
          const account = await newAccount()
          await credit(account.id, 100)
          const { account: after } = await service.holdPoints({
            account_id: account.id,
            cart_id: "cart_1",
            points: 60,
            idempotency_key: key("h"),
          })
          expect(after).toMatchObject({ balance: 100, held: 60, available: 40 })
          const before = await snapshot(account.id)
          await expect(
            service.holdPoints({ account_id: account.id, cart_id: "cart_2", points: 41, idempotency_key: key("h") })
          ).rejects.toThrow("Not enough points: 40 available, 41 requested")
          expect(await snapshot(account.id)).toEqual(before)
        })

        it("replaces the cart's earlier hold rather than adding to it", async () => {
          const account = await newAccount()
          await credit(account.id, 100)
          await service.holdPoints({ account_id: account.id, cart_id: "cart_1", points: 60, idempotency_key: key("h") })
          const { account: after } = await service.holdPoints({
            account_id: account.id,
            cart_id: "cart_1",
            points: 90,
            idempotency_key: key("h"),
          })
          expect(after).toMatchObject({ held: 90, available: 10 })
          const holds = await sql<{ status: string }>(`SELECT status FROM loyalty_points_hold WHERE cart_id = 'cart_1' ORDER BY created_at`)
          expect(holds.map((h) => h.status)).toEqual(["released", "active"])
        })

        it("releases once, and converts the discounted points releasing the rest", async () => {
          const account = await newAccount()
          await credit(account.id, 100)
          const { hold: released } = await service.holdPoints({
            account_id: account.id,
            cart_id: "cart_r",
            points: 30,
            idempotency_key: key("h"),
          })
          await service.releaseHold({ hold_id: released.id })
          const again = await service.releaseHold({ hold_id: released.id })
          expect(again.replayed).toBe(true)
          expect(again.account).toMatchObject({ held: 0, available: 100 })

          const { hold } = await service.holdPoints({ account_id: account.id, cart_id: "cart_c", points: 50, idempotency_key: key("h") })
          const converted = await service.convertHold({ hold_id: hold.id, points: 45, order_id: "order_1" })
          expect(converted.entry).toMatchObject({ type: "redeem", points: -45, order_id: "order_1", reference_id: "cart_c" })
          expect(converted.account).toMatchObject({ balance: 55, held: 0, available: 55, lifetime_redeemed: 45 })
          expect(converted.hold).toMatchObject({ status: "converted", entry_id: converted.entry.id })

          const twice = await service.convertHold({ hold_id: hold.id, points: 45, order_id: "order_1" })
          expect(twice.replayed).toBe(true)
          expect(twice.entry.id).toBe(converted.entry.id)
          expect((await service.retrieveAccountBalance(account.id)).balance).toBe(55)
        })

        it("refuses to convert a released hold or a hold whose points are gone (409)", async () => {
          const account = await newAccount()
          await credit(account.id, 100, { expires_at: inDays(1) })
          const { hold: released } = await service.holdPoints({
            account_id: account.id,
            cart_id: "cart_x",
            points: 30,
            idempotency_key: key("h"),
          })
          await service.releaseHold({ hold_id: released.id })
          await expect(service.convertHold({ hold_id: released.id })).rejects.toThrow(
            "The points hold for cart cart_x is no longer valid (released)"
          )

          const { hold } = await service.holdPoints({ account_id: account.id, cart_id: "cart_y", points: 80, idempotency_key: key("h") })
          await service.expirePoints({ as_of: inDays(2) })
          const before = await snapshot(account.id)
          await expect(service.convertHold({ hold_id: hold.id })).rejects.toThrow(/are no longer available: 0 left, 80 needed/)
          expect(await snapshot(account.id)).toEqual(before)
          await service.releaseHold({ hold_id: hold.id, status: "expired" })
        })

        it("never lets 20 concurrent holds of 10 reserve more than 100 points", async () => {
          const account = await newAccount()
          await credit(account.id, 100)
          const results = await Promise.allSettled(
            Array.from({ length: 20 }, (_, i) =>
              service.holdPoints({ account_id: account.id, cart_id: `cart_${i}`, points: 10, idempotency_key: `hold-race-${account.id}-${i}` })
            )
          )
          expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10)
          const after = await service.retrieveAccountBalance(account.id)
          expect(after).toMatchObject({ balance: 100, held: 100, available: 0 })
        })

        it("converts a hold once when conversions race", async () => {
          const account = await newAccount()
          await credit(account.id, 100)
          const { hold } = await service.holdPoints({ account_id: account.id, cart_id: "cart_z", points: 40, idempotency_key: key("h") })
          const results = await Promise.all(Array.from({ length: 5 }, () => service.convertHold({ hold_id: hold.id })))
          expect(new Set(results.map((r) => r.entry.id)).size).toBe(1)
          expect(results.filter((r) => !r.replayed)).toHaveLength(1)
          expect((await service.retrieveAccountBalance(account.id)).balance).toBe(60)
        })
      })

      describe("reversePoints", () => {
        it("gives a debit's points back into the lots it took them from, latest taken first", async () => {
          const account = await newAccount()
          await credit(account.id, 50, { expires_at: inDays(30) })
          await credit(account.id, 30, { expires_at: inDays(10) })
          const { entry: debit } = await service.debitPoints({
            account_id: account.id,
            points: 60,
            type: "redeem",
            idempotency_key: key("d"),
          })
          let lots = await lotsOf(account.id)
          expect(lots.map((l) => l.remaining)).toEqual([20, 0])

          const partial = await service.reversePoints({ entry_id: debit.id, points: 20, idempotency_key: key("r") })
          expect(partial.entry).toMatchObject({ type: "redeem_reversal", points: 20, reversal_of_id: debit.id })
          lots = await lotsOf(account.id)
          expect(lots.map((l) => l.remaining)).toEqual([40, 0])

          const rest = await service.reversePoints({ entry_id: debit.id, points: 40, idempotency_key: key("r") })
          expect(rest.account).toMatchObject({ balance: 80, lifetime_redeemed: 0 })
          lots = await lotsOf(account.id)
          expect(lots.map((l) => l.remaining)).toEqual([50, 30])
          expect(lots.some((l) => l.origin_lot_id)).toBe(false)
        })

        it("opens a grace lot when the original lot's date has passed", async () => {
          const account = await newAccount()
          await credit(account.id, 40, { expires_at: inDays(-1) })
          const { entry: debit } = await service.debitPoints({ account_id: account.id, points: 40, type: "redeem", idempotency_key: key("d") })
          await service.reversePoints({ entry_id: debit.id, points: 40, idempotency_key: key("r"), grace_days: 7 })
          const [original, grace] = await lotsOf(account.id)
          expect(original.remaining).toBe(0)
          expect(grace).toMatchObject({ points: 40, remaining: 40, origin_lot_id: original.id })
          const days = (new Date(grace.expires_at!).getTime() - Date.now()) / DAY
          expect(days).toBeGreaterThan(6.9)
          expect(days).toBeLessThan(7.1)
        })

        it("refuses to give back more than the debit took and replays a repeated key", async () => {
          const account = await newAccount()
          await credit(account.id, 50)
          const { entry: debit } = await service.debitPoints({ account_id: account.id, points: 30, type: "redeem", idempotency_key: key("d") })
          const input = { entry_id: debit.id, points: 20, idempotency_key: key("r") }
          await service.reversePoints(input)
          const again = await service.reversePoints(input)
          expect(again.replayed).toBe(true)
          const before = await snapshot(account.id)
          await expect(service.reversePoints({ entry_id: debit.id, points: 11, idempotency_key: key("r") })).rejects.toThrow(
            /Only 10 points of entry .* can still be given back, 11 requested/
          )
          await expect(service.reversePoints({ entry_id: "lpent_missing", points: 1, idempotency_key: key("r") })).rejects.toThrow(
            /was not found/
          )
          expect(await snapshot(account.id)).toEqual(before)
        })

        it("pays debt first when the balance is negative", async () => {
          const account = await newAccount()
          await credit(account.id, 30)
          const { entry: claw } = await service.debitPoints({
            account_id: account.id,
            points: 50,
            type: "clawback",
            allow_debt: true,
            idempotency_key: key("claw"),
          })
          const { account: after } = await service.reversePoints({
            entry_id: claw.id,
            points: 50,
            type: "adjust",
            idempotency_key: key("r"),
          })
          expect(after.balance).toBe(30)
          expect((await lotsOf(account.id)).map((l) => l.remaining)).toEqual([30])
        })
      })

      describe("settleOrderReversal", () => {
        // A referral bonus clawed back because of the order carries the order's id and the
        // type clawback too (settle-referral-bonuses): it is not a clawback of what the
        // order earned, and must not let the order's own points stay with the shopper.
        it("claws back the order's earned points when a referral bonus was clawed back for the same order first", async () => {
          const account = await newAccount()
          const orderId = `order_${key("o")}`
          await service.recordPendingEarning({ account_id: account.id, order_id: orderId, points: 100, idempotency_key: key("pending") })
          await service.settleOrderEarning({ account_id: account.id, order_id: orderId, captured_amount: 121, payable_amount: 121 })
          const { entry: bonus } = await credit(account.id, 100, { type: "bonus", reason: "referee", order_id: orderId })
          await service.debitPoints({
            account_id: account.id,
            points: 100,
            type: "clawback",
            idempotency_key: key("clawback:bonus"),
            reason: "referee",
            reference_type: "entry",
            reference_id: bonus.id,
            order_id: orderId,
            metadata: { cause: "referral_order_refunded", written_off: 0 },
          })
          expect((await service.retrieveAccountBalance(account.id)).balance).toBe(100)

          const reversal = await service.settleOrderReversal({
            account_id: account.id,
            order_id: orderId,
            captured_amount: 121,
            refunded_amount: 121,
            payable_amount: 121,
            canceled: false,
            cause: { type: "refund", id: `ref_${key("r")}` },
          })
          expect(reversal).toMatchObject({ clawed_back: 100, written_off: 0 })
          expect((await service.retrieveAccountBalance(account.id)).balance).toBe(0)
          expect(await service.summarizeOrderPoints(orderId)).toMatchObject({ earned: 100, clawed_back: 100, written_off: 0 })
        })
      })

      describe("expirePoints", () => {
        it("expires lots due by the date, one entry per account valued in money, and only once", async () => {
          const account = await newAccount()
          await credit(account.id, 30, { expires_at: inDays(5) })
          await credit(account.id, 20, { expires_at: inDays(8) })
          await credit(account.id, 40, { expires_at: inDays(50) })
          const dry = await service.expirePoints({ as_of: inDays(10), dry_run: true })
          expect(dry).toMatchObject({ accounts: 1, lots: 2, points: 50, money_amount: 0.5, dry_run: true })
          expect((await service.retrieveAccountBalance(account.id)).balance).toBe(90)

          const result = await service.expirePoints({ as_of: inDays(10) })
          expect(result).toMatchObject({ accounts: 1, lots: 2, points: 50, money_amount: 0.5, currency_code: "usd" })
          const entries = await sql<{ type: string; points: number; money_amount: string }>(`SELECT type, points, money_amount FROM loyalty_points_entry WHERE type = 'expire'`)
          expect(entries).toEqual([{ type: "expire", points: -50, money_amount: "0.500000" }])
          expect((await service.retrieveAccountBalance(account.id)).balance).toBe(40)
          expect((await lotsOf(account.id)).map((l) => l.remaining)).toEqual([0, 0, 40])

          const again = await service.expirePoints({ as_of: inDays(10) })
          expect(again).toMatchObject({ accounts: 0, points: 0 })
          expect((await service.retrieveAccountBalance(account.id)).balance).toBe(40)
        })

        it("works through many accounts in batches and concurrent runs expire once", async () => {
          const accounts: LedgerAccountDTO[] = []
          for (let i = 0; i < 7; i++) {
            const account = await newAccount()
            await credit(account.id, 10 + i, { expires_at: inDays(1) })
            await credit(account.id, 5, { expires_at: inDays(100) })
            accounts.push(account)
          }
          const [a, b] = await Promise.all([
            service.expirePoints({ as_of: inDays(2), batch_size: 2 }),
            service.expirePoints({ as_of: inDays(2), batch_size: 3 }),
          ])
          expect(a.points + b.points).toBe(7 * 10 + 21)
          expect(a.lots + b.lots).toBe(7)
          for (const account of accounts) {
            expect((await service.retrieveAccountBalance(account.id)).balance).toBe(5)
          }
          const [{ n }] = await sql<CountRow>(`SELECT COUNT(*) AS n FROM loyalty_points_entry WHERE type = 'expire'`)
          expect(Number(n)).toBe(7)
        })
      })

      describe("reconcile", () => {
        it("reports a balance that does not match the ledger", async () => {
          const account = await newAccount()
          await credit(account.id, 25)
          await sql(`UPDATE loyalty_points_account SET balance = 26 WHERE id = ?`, [account.id])
          const result = await service.reconcile({ account_ids: [account.id] })
          expect(result.accounts_checked).toBe(1)
          expect(result.variances).toEqual(
            expect.arrayContaining([
              { account_id: account.id, field: "balance", recorded: 26, expected: 25 },
              { account_id: account.id, field: "lots", recorded: 25, expected: 26 },
            ])
          )
          await sql(`UPDATE loyalty_points_account SET balance = 25 WHERE id = ?`, [account.id])
        })
      })
    })
  },
})
