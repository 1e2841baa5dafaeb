import path from "path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import {
  LOYALTY_POINTS_MODULE,
  type CreditPointsInput,
  type ILoyaltyPointsModuleService,
  type ProgramSettingsPatch,
} from "../../src/types"

jest.setTimeout(120_000)

const DAY = 24 * 60 * 60 * 1000
const inDays = (days: number, from = Date.now()) => new Date(from + days * DAY)

/** A row of loyalty_points_lot as lotsOf reads it (MikroORM's connection leaves timestamps as strings). */
type LotRow = { id: string; points: number; remaining: number; expires_at: string | null }

moduleIntegrationTestRunner<ILoyaltyPointsModuleService>({
  moduleName: LOYALTY_POINTS_MODULE,
  dbName: `medusa-loyalty-points-expiry-${process.pid}`,
  resolve: path.join(__dirname, "../../src/modules/loyalty-points"),
  pathToMigrations: path.join(__dirname, "../../src/modules/loyalty-points/migrations"),
  moduleOptions: {
    program: {
      redemption_values: { usd: 0.01 },
      default_currency_code: "usd",
      expiry: { policy: "days_after_earn", days: 365 },
    },
  },
  testSuite: ({ service, MikroOrmWrapper }) => {
    let seq = 0
    const key = (label: string) => `${label}-${++seq}-${Math.random().toString(36).slice(2)}`
    /** The rows of a query, of the shape the caller names. */
    const sql = async <T extends object = Record<string, unknown>>(query: string, params: unknown[] = []) =>
      await MikroOrmWrapper.getManager().getConnection().execute<T[]>(query, params)

    const newAccount = async () => service.retrieveOrCreateAccount(`cus_${key("c")}`)
    const credit = (accountId: string, points: number, extra: Partial<CreditPointsInput> = {}) =>
      service.creditPoints({ account_id: accountId, points, type: "earn", idempotency_key: key("earn"), ...extra })
    const redeem = (accountId: string, points: number) =>
      service.debitPoints({ account_id: accountId, points, type: "redeem", idempotency_key: key("redeem") })
    const lotsOf = async (accountId: string) =>
      (
        await sql<LotRow>(`SELECT id, points, remaining, expires_at FROM loyalty_points_lot WHERE account_id = ? ORDER BY created_at, id`, [
          accountId,
        ])
      ).map((lot) => ({ ...lot, expires_at: lot.expires_at ? new Date(lot.expires_at) : null }))
    const balance = async (accountId: string) => (await service.retrieveAccountBalance(accountId)).balance
    const usePolicy = (expiry: ProgramSettingsPatch["expiry"]) => service.updateProgramSettings({ expiry })

    describe("expiry policies", () => {
      afterEach(async () => {
        expect((await service.reconcile()).variances).toEqual([])
        await service.restoreProgramSettings(null)
      })

      it("days_after_earn: a lot expires `days` after its credit, and only then", async () => {
        await usePolicy({ policy: "days_after_earn", days: 90 })
        const account = await newAccount()
        const before = Date.now()
        await credit(account.id, 100)
        const [lot] = await lotsOf(account.id)
        expect(lot.expires_at!.getTime()).toBeGreaterThanOrEqual(inDays(90, before).getTime())
        expect(lot.expires_at!.getTime()).toBeLessThanOrEqual(inDays(90).getTime())

        expect((await service.expirePoints({ as_of: inDays(89) })).points).toBe(0)
        expect(await balance(account.id)).toBe(100)
        expect((await service.expirePoints({ as_of: lot.expires_at! })).points).toBe(100)
        expect(await balance(account.id)).toBe(0)
      })

      it("end_of_period: a lot expires at the end of the month or year `months` after its credit", async () => {
        await usePolicy({ policy: "end_of_period", period: "month", months: 3 })
        const account = await newAccount()
        const now = new Date()
        await credit(account.id, 40)
        await usePolicy({ policy: "end_of_period", period: "year", months: 12 })
        await credit(account.id, 60)
        const [monthly, yearly] = await lotsOf(account.id)
        const endOfMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 4, 1))
        const endOfYear = new Date(Date.UTC(now.getUTCFullYear() + 2, 0, 1))
        expect(monthly.expires_at).toEqual(endOfMonth)
        expect(yearly.expires_at).toEqual(endOfYear)

        expect((await service.expirePoints({ as_of: new Date(endOfMonth.getTime() - 1) })).points).toBe(0)
        expect((await service.expirePoints({ as_of: endOfMonth })).points).toBe(40)
        expect(await balance(account.id)).toBe(60)
        expect((await service.expirePoints({ as_of: new Date(endOfYear.getTime() - 1) })).points).toBe(0)
        expect((await service.expirePoints({ as_of: endOfYear })).points).toBe(60)
      })

      it("inactivity: every earn or redeem pushes every open lot forward; the whole balance expires after `days` without one", async () => {
        await usePolicy({ policy: "inactivity", days: 30 })
        const account = await newAccount()
        const other = await newAccount()
        await credit(account.id, 50)
        await credit(other.id, 10)
        // As if the first lot had been earned 25 days ago, and another had passed its date already.
        const [old] = await lotsOf(account.id)
        await sql(`UPDATE loyalty_points_lot SET expires_at = ? WHERE id = ?`, [inDays(5), old.id])
        await credit(account.id, 20, { expires_at: inDays(-1) })

        await credit(account.id, 30)
        let lots = await lotsOf(account.id)
        expect(lots[0].expires_at!.getTime()).toBeGreaterThan(inDays(29.9).getTime())
        expect(lots[1].expires_at!.getTime()).toBeLessThan(Date.now())
        expect(lots[2].expires_at!.getTime()).toBe(lots[0].expires_at!.getTime())

        await sql(`UPDATE loyalty_points_lot SET expires_at = ? WHERE account_id = ? AND remaining > 0 AND expires_at > now()`, [
          inDays(3),
          account.id,
        ])
        await redeem(account.id, 10)
        lots = await lotsOf(account.id)
        expect(lots.filter((lot) => lot.expires_at!.getTime() > Date.now()).every((lot) => lot.expires_at!.getTime() > inDays(29.9).getTime())).toBe(true)
        // Another account's lots are not pushed by this account's activity.
        expect((await lotsOf(other.id))[0].expires_at!.getTime()).toBeLessThan(inDays(30.1).getTime())

        // The redeem took the lot that was past its date first; 90 remain.
        expect(await balance(account.id)).toBe(90)
        expect((await service.expirePoints({ as_of: inDays(29) })).points).toBe(10)
        expect(await balance(account.id)).toBe(80)
        const expired = await service.expirePoints({ as_of: inDays(31) })
        expect(expired.points).toBe(90)
        expect(await balance(account.id)).toBe(0)
        expect(await balance(other.id)).toBe(0)
      })

      it("inactivity: an adjustment, a clawback or a bonus is not activity", async () => {
        await usePolicy({ policy: "inactivity", days: 30 })
        const account = await newAccount()
        await credit(account.id, 50)
        const [lot] = await lotsOf(account.id)
        await sql(`UPDATE loyalty_points_lot SET expires_at = ? WHERE id = ?`, [inDays(5), lot.id])
        await credit(account.id, 5, { type: "adjust" })
        await service.debitPoints({ account_id: account.id, points: 5, type: "clawback", idempotency_key: key("c") })
        expect((await lotsOf(account.id))[0].expires_at!.getTime()).toBeLessThan(inDays(5.1).getTime())
      })

      it("never: lots never expire", async () => {
        await usePolicy({ policy: "never" })
        const account = await newAccount()
        await credit(account.id, 70)
        expect((await lotsOf(account.id))[0].expires_at).toBeNull()
        expect((await service.expirePoints({ as_of: inDays(365 * 50) })).points).toBe(0)
        expect(await balance(account.id)).toBe(70)
      })

      it.each([
        [{ policy: "monthly" }, /expiry.policy/],
        [{ policy: "end_of_period", months: -1 }, /expiry.months/],
        [{ policy: "end_of_period", period: "week" }, /expiry.period/],
        [{ policy: "inactivity", days: 0 }, /expiry.days/],
        [{ reminder_days: 1.5 }, /expiry.reminder_days/],
      ])("refuses the setting %j and keeps the policy", async (expiry, message) => {
        const before = await service.getProgramSettings()
        // Refused settings, typed as the route would receive them.
        await expect(usePolicy(expiry as unknown as ProgramSettingsPatch["expiry"])).rejects.toThrow(message)
        expect(await service.getProgramSettings()).toEqual(before)
      })
    })

    describe("remindExpiringPoints", () => {
      it("announces every lot in the window once, batch after batch, and a moved lot again for its new date", async () => {
        const accounts = [await newAccount(), await newAccount(), await newAccount()]
        const sameDay = inDays(3)
        for (const [index, account] of accounts.entries()) {
          for (let day = 1; day <= 6; day++) {
            await credit(account.id, 10 * day + index, { expires_at: day === 3 ? sameDay : inDays(day) })
          }
          await credit(account.id, 5, { expires_at: inDays(40) })
          await credit(account.id, 7, { expires_at: null })
        }
        const first = await service.remindExpiringPoints({ batch_size: 4 })
        expect(first.reminder_days).toBe(30)
        expect(first.reminders).toHaveLength(18)
        expect(new Set(first.reminders.map((r) => r.lot_id)).size).toBe(18)
        expect(first.reminders.map((r) => r.points).sort((a, b) => a - b)).toEqual(
          [10, 11, 12, 20, 21, 22, 30, 31, 32, 40, 41, 42, 50, 51, 52, 60, 61, 62]
        )
        const [again, alongside] = await Promise.all([
          service.remindExpiringPoints({ batch_size: 3 }),
          service.remindExpiringPoints({ batch_size: 5 }),
        ])
        expect([...again.reminders, ...alongside.reminders]).toEqual([])

        const [lot] = await sql<{ id: string }>(`SELECT id FROM loyalty_points_lot WHERE points = 40 AND account_id = ?`, [accounts[0].id])
        await sql(`UPDATE loyalty_points_lot SET expires_at = ? WHERE id = ?`, [inDays(9), lot.id])
        const moved = await service.remindExpiringPoints({ batch_size: 2 })
        expect(moved.reminders.map((r) => [r.lot_id, r.points])).toEqual([[lot.id, 40]])
        const later = await service.remindExpiringPoints({ as_of: inDays(15), batch_size: 2 })
        expect(later.reminders.map((r) => r.points).sort()).toEqual([5, 5, 5])
      })
    })

    describe("first-expiring-first across earn, redeem, reverse and expire", () => {
      afterEach(async () => {
        expect((await service.reconcile()).variances).toEqual([])
      })

      it("takes, gives back and expires the lots in date order", async () => {
        const account = await newAccount()
        await credit(account.id, 50, { expires_at: inDays(20) })
        await credit(account.id, 20, { expires_at: null })
        await credit(account.id, 30, { expires_at: inDays(10) })
        const remaining = async () => (await lotsOf(account.id)).map((lot) => lot.remaining)

        const { entry: spent } = await redeem(account.id, 40)
        expect(await remaining()).toEqual([40, 20, 0])

        await service.reversePoints({ entry_id: spent.id, points: 15, idempotency_key: key("rev") })
        // Latest taken first: the 10 from the 20-day lot, then 5 into the 10-day lot.
        expect(await remaining()).toEqual([50, 20, 5])

        const expired = await service.expirePoints({ as_of: inDays(15) })
        expect(expired).toMatchObject({ points: 5, lots: 1 })
        expect(await remaining()).toEqual([50, 20, 0])

        await redeem(account.id, 55)
        expect(await remaining()).toEqual([0, 15, 0])
        await credit(account.id, 10, { expires_at: inDays(40) })
        await redeem(account.id, 12)
        expect(await remaining()).toEqual([0, 13, 0, 0])
        expect(await balance(account.id)).toBe(13)
        expect((await service.expirePoints({ as_of: inDays(1000) })).points).toBe(0)
      })
    })

    describe("page by page (the nightly run's expiry and reminders)", () => {
      afterEach(async () => {
        expect((await service.reconcile()).variances).toEqual([])
      })

      it("expires and announces a page of whole batches at a time, until nothing is left", async () => {
        // Far in the past, so that no other test's lot is due or in the window.
        const asOf = inDays(-3000)
        const accounts: { id: string }[] = []
        for (let i = 0; i < 5; i++) {
          const account = await newAccount()
          await credit(account.id, 10 + i, { expires_at: inDays(-3001) })
          await credit(account.id, 1 + i, { expires_at: inDays(-2990) })
          accounts.push(account)
        }

        const pages: Awaited<ReturnType<typeof service.expirePoints>>[] = []
        do {
          pages.push(await service.expirePoints({ as_of: asOf, batch_size: 2, max_accounts: 2 }))
        } while (pages[pages.length - 1].more)
        expect(pages.map((page) => [page.accounts, page.more])).toEqual([
          [2, true],
          [2, true],
          [1, false],
        ])
        expect(pages.flatMap((page) => page.per_account.map((account) => account.account_id)).sort()).toEqual(
          accounts.map((account) => account.id).sort()
        )
        expect(pages.reduce((sum, page) => sum + page.points, 0)).toBe(10 + 11 + 12 + 13 + 14)
        for (const [i, account] of accounts.entries()) {
          expect(await balance(account.id)).toBe(1 + i)
        }
        expect((await service.expirePoints({ as_of: asOf, batch_size: 2, max_accounts: 2 })).more).toBe(false)

        const announced: number[][] = []
        let after: string | undefined
        do {
          const page = await service.remindExpiringPoints({ as_of: asOf, batch_size: 2, max_lots: 2, after_lot_id: after })
          announced.push(page.reminders.map((reminder) => reminder.points).sort((a, b) => a - b))
          after = page.next_after_lot_id ?? undefined
        } while (after)
        expect(announced.map((page) => page.length)).toEqual([2, 2, 1])
        expect(announced.flat().sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5])
        expect((await service.remindExpiringPoints({ as_of: asOf, batch_size: 2, max_lots: 2 })).reminders).toEqual([])

        // Leaves nothing due for the tests that follow.
        expect((await service.expirePoints({ as_of: inDays(-2989) })).points).toBe(15)
      })

      it("lists the next expiry days from a given moment on, each day's lots summed", async () => {
        const account = await newAccount()
        const day = (offset: number, hour: number) => new Date(Date.UTC(2031, 0, 10 + offset, hour))
        await credit(account.id, 5, { expires_at: day(0, 9) })
        await credit(account.id, 7, { expires_at: day(0, 18) })
        await credit(account.id, 11, { expires_at: day(3, 12) })
        const expiring = async (options: { per_account?: number; from?: Date | string }) =>
          (await service.listExpiringPoints([account.id], options))[account.id]

        expect(await expiring({ per_account: 1 })).toEqual([{ expires_at: day(0, 9), points: 12 }])
        // A day is listed whole once a lot of it falls at or after `from`.
        expect(await expiring({ per_account: 1, from: day(0, 0) })).toEqual([{ expires_at: day(0, 9), points: 12 }])
        expect(await expiring({ per_account: 2, from: day(0, 12) })).toEqual([
          { expires_at: day(0, 9), points: 12 },
          { expires_at: day(3, 12), points: 11 },
        ])
        expect(await expiring({ per_account: 2, from: day(0, 19) })).toEqual([{ expires_at: day(3, 12), points: 11 }])
        expect(await expiring({ per_account: 5, from: day(4, 0).toISOString() })).toEqual([])
        await expect(expiring({ from: "next tuesday" })).rejects.toThrow(/from must be a valid date/)
      })

      it.each([
        [{ max_accounts: 0 }, /max_accounts/],
        [{ max_accounts: 1.5 }, /max_accounts/],
      ])("refuses the expiry page %j", async (input, message) => {
        await expect(service.expirePoints({ as_of: inDays(-3000), ...input })).rejects.toThrow(message)
      })

      it.each([
        [{ max_lots: -1 }, /max_lots/],
        // Refused input, typed as a caller outside TypeScript could send it.
        [{ after_lot_id: 42 as unknown as string }, /after_lot_id/],
      ])("refuses the reminders page %j", async (input, message) => {
        await expect(service.remindExpiringPoints({ as_of: inDays(-3000), ...input })).rejects.toThrow(message)
      })
    })
  },
})
