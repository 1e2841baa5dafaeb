import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../src/types"
import { createAdminUser } from "../helpers/create-admin-user"
import type { HttpError, HttpResponse } from "../helpers/http"

jest.setTimeout(600_000)

const DAY = 24 * 60 * 60 * 1000
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString()

type Headers = Record<string, string>

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let first: { headers: Headers; user_id: string }
    let second: { headers: Headers; user_id: string }
    let ada: { id: string; email: string }
    let grace: { id: string; email: string }
    let alan: { id: string; email: string }

    const service = () => getContainer().resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const send = (method: "get" | "post", url: string, headers: Headers | undefined, body?: unknown) =>
      (method === "get" ? api.get(url, { headers }) : api.post(url, body, { headers })).then(
        (response: HttpResponse) => response,
        (error: HttpError) => {
          if (!error.response) throw error
          return error.response
        }
      )
    const importRows = (body: unknown, admin = first, key?: string) =>
      send("post", "/admin/loyalty-points/imports", { ...admin.headers, ...(key ? { "Idempotency-Key": key } : {}) }, body)
    const setThreshold = (rows: number | null) =>
      send("post", "/admin/loyalty-points/program", first.headers, { import_approval_rows: rows })

    const balanceOf = async (customerId: string) => {
      const [account] = await service().listLoyaltyAccounts({ customer_id: customerId })
      return account ? account.balance : null
    }
    const importEntries = () => service().listLoyaltyEntries({ type: "import" }, { order: { id: "ASC" } })

    beforeAll(async () => {
      const container = getContainer()
      first = await createAdminUser(container, { email: "first@loyalty.test" })
      second = await createAdminUser(container, { email: "second@loyalty.test" })
      const [a, g, t] = await container.resolve(Modules.CUSTOMER).createCustomers([
        { email: "ada@loyalty.test", first_name: "Ada", has_account: true },
        { email: "grace@loyalty.test", first_name: "Grace", has_account: true },
        { email: "alan@loyalty.test", first_name: "Alan", has_account: true },
      ])
      ada = { id: a.id, email: a.email! }
      grace = { id: g.id, email: g.email! }
      alan = { id: t.id, email: t.email! }
    })

    afterEach(async () => {
      const { variances } = await service().reconcile()
      expect(variances).toEqual([])
    })

    describe("POST /admin/loyalty-points/imports", () => {
      it("should refuse a request without an admin, and bodies of the wrong shape", async () => {
        expect((await send("post", "/admin/loyalty-points/imports", undefined, { rows: [] })).status).toBe(401)
        for (const body of [{}, { rows: [] }, { rows: "x" }, { rows: [{ email: "a@b.c", points: 1, extra: 1 }] }, { rows: [{ email: "a@b.c", points: 1 }], dry_run: "yes" }]) {
          const response = await importRows(body)
          expect(response.status).toBe(400)
          expect(response.data.type).toBe("invalid_data")
        }
        expect(await importEntries()).toHaveLength(0)
      })

      it("should answer every row's outcome on a dry run and change nothing", async () => {
        const response = await importRows({
          dry_run: true,
          rows: [
            { email: "ADA@loyalty.test", points: "500", reason: "migration", expires_at: inDays(90) },
            { customer_id: grace.id, points: 200 },
          ],
        })
        expect(response.status).toBe(200)
        expect(response.data).toMatchObject({ dry_run: true, valid: true, errors: [], row_count: 2, total_points: 700, requires_approval: false })
        expect(response.data.rows).toEqual([
          expect.objectContaining({ row: 1, customer_id: ada.id, points: 500, reason: "migration", outcome: "credit", balance_after: 500 }),
          expect.objectContaining({ row: 2, customer_id: grace.id, points: 200, reason: "import", outcome: "credit", balance_after: 200 }),
        ])
        expect(await importEntries()).toHaveLength(0)
        expect(await balanceOf(ada.id)).toBeNull()
        expect((await service().listLoyaltyImports({})).length).toBe(0)
      })

      it("should answer each bad row by number and apply nothing when any row is bad", async () => {
        const rows = [
          { email: ada.email, points: 100 },
          { email: "nobody@loyalty.test", points: 100 },
          { customer_id: grace.id, points: "abc" },
          { customer_id: grace.id, email: grace.email, points: 5 },
          { customer_id: alan.id, points: 0 },
          { customer_id: alan.id, points: 10, expires_at: "2001-01-01" },
          { customer_id: alan.id, points: -10 },
          {},
        ]
        for (const dry_run of [true, false]) {
          const response = await importRows({ rows, dry_run })
          if (dry_run) {
            expect(response.status).toBe(200)
            expect(response.data).toMatchObject({ dry_run: true, valid: false, row_count: 8 })
            expect(response.data.rows.map((row: { row: number }) => row.row)).toEqual([1])
          } else {
            expect(response.status).toBe(400)
            expect(response.data.type).toBe("invalid_data")
          }
          // Every bad row is named, some more than once (row 8 lacks both a customer and points).
          expect([...new Set(response.data.errors.map((error: { row: number }) => error.row))]).toEqual([2, 3, 4, 5, 6, 7, 8])
          expect(response.data.errors[0].message).toContain("nobody@loyalty.test")
          expect(response.data.errors[5].message).toContain("available")
        }
        expect(await importEntries()).toHaveLength(0)
        expect(await balanceOf(ada.id)).toBeNull()
        expect((await service().listLoyaltyImports({})).length).toBe(0)
      })

      it("should refuse expiry dates that are not ISO 8601 days that exist, by row, instead of moving them", async () => {
        // `new Date` reads each of these as some date: 2099-02-30 as 2 March, 03/04/2099 by US custom.
        const bad = ["2099-02-30", "2099-04-31", "March 5 2099", "03/04/2099"]
        const rows = [{ customer_id: grace.id, points: 10, expires_at: "2099-03-04" }, ...bad.map((expires_at) => ({ customer_id: grace.id, points: 10, expires_at }))]
        const dryRun = await importRows({ rows, dry_run: true })
        expect(dryRun.status).toBe(200)
        expect(dryRun.data).toMatchObject({ valid: false, row_count: 5 })
        expect(dryRun.data.rows.map((row: { row: number; expires_at: string }) => [row.row, row.expires_at])).toEqual([[1, "2099-03-04T00:00:00.000Z"]])
        expect(dryRun.data.errors).toEqual(
          bad.map((expiresAt, index) => ({ row: index + 2, message: `expires_at must be a date (ISO 8601), got ${JSON.stringify(expiresAt)}` }))
        )
        const applied = await importRows({ rows })
        expect(applied.status).toBe(400)
        expect(applied.data.type).toBe("invalid_data")
        expect(await importEntries()).toHaveLength(0)
        expect(await balanceOf(grace.id)).toBeNull()
      })

      it("should write one entry per row with the admin, the reason and a key, creating accounts", async () => {
        const expiry = inDays(60)
        const response = await importRows({
          note: "Carried over from the old programme",
          rows: [
            { email: ada.email, points: 500, reason: "migration", expires_at: expiry },
            { customer_id: grace.id, points: 300 },
            { customer_id: ada.id, points: -200, reason: "correction" },
          ],
        })
        expect(response.status).toBe(200)
        expect(response.data.import).toMatchObject({ status: "applied", row_count: 3, created_by: first.user_id })
        expect(response.data.entries_written).toBe(3)
        const importId = response.data.import.id
        const entries = await importEntries()
        expect(entries.map((entry) => [entry.points, entry.reason, entry.actor_type, entry.actor_id, entry.idempotency_key, entry.reference_id])).toEqual(
          expect.arrayContaining([
            [500, "migration", "user", first.user_id, `import:${importId}:1`, importId],
            [300, "import", "user", first.user_id, `import:${importId}:2`, importId],
            [-200, "correction", "user", first.user_id, `import:${importId}:3`, importId],
          ])
        )
        expect(entries).toHaveLength(3)
        expect(entries.every((entry) => entry.note === "Carried over from the old programme")).toBe(true)
        expect(await balanceOf(ada.id)).toBe(300)
        expect(await balanceOf(grace.id)).toBe(300)
        const [lot] = await service().listLoyaltyLots({ entry_id: entries.find((e) => e.points === 500)!.id })
        expect(new Date(lot.expires_at!).toISOString()).toBe(expiry)
      })

      it("should import once for a repeated Idempotency-Key, also when the repeats race", async () => {
        const body = { rows: [{ email: ada.email, points: 100 }] }
        const responses = await Promise.all([importRows(body, first, "k-1"), importRows(body, first, "k-1")])
        const again = await importRows(body, first, "k-1")
        for (const response of [...responses, again]) {
          expect(response.status).toBe(200)
          expect(response.data.import.id).toBe(again.data.import.id)
        }
        expect(await importEntries()).toHaveLength(1)
        expect(await balanceOf(ada.id)).toBe(100)
      })
    })

    describe("POST /admin/loyalty-points/imports/:id/approve and /reject", () => {
      it("should hold a large import for a second admin, who alone can approve it, once", async () => {
        expect((await setThreshold(2)).status).toBe(200)
        const rows = [
          { email: ada.email, points: 10 },
          { email: grace.email, points: 20 },
          { email: alan.email, points: 30 },
        ]
        const created = await importRows({ rows })
        expect(created.status).toBe(200)
        expect(created.data.import).toMatchObject({ status: "pending_approval", row_count: 3, total_points: 60 })
        const id = created.data.import.id
        expect(await importEntries()).toHaveLength(0)

        const pending = await send("get", "/admin/loyalty-points/imports?status=pending_approval", first.headers)
        expect(pending.data.imports.map((i: { id: string }) => i.id)).toEqual([id])
        expect(pending.data.imports[0].rows).toBeUndefined()

        const own = await send("post", `/admin/loyalty-points/imports/${id}/approve`, first.headers, {})
        expect(own.status).toBe(403)
        expect(own.data.message).toContain("cannot approve their own")
        expect(await importEntries()).toHaveLength(0)

        const approvals = await Promise.all([
          send("post", `/admin/loyalty-points/imports/${id}/approve`, second.headers, {}),
          send("post", `/admin/loyalty-points/imports/${id}/approve`, second.headers, {}),
        ])
        expect(approvals.map((r) => r.status)).toEqual([200, 200])
        expect(approvals.map((r) => r.data.entries_written).sort()).toEqual([0, 3])
        expect(approvals[0].data.import).toMatchObject({ status: "applied", reviewed_by: second.user_id })
        const entries = await importEntries()
        expect(entries).toHaveLength(3)
        expect(entries.every((entry) => entry.actor_id === first.user_id && entry.metadata!.approved_by === second.user_id)).toBe(true)
        expect([await balanceOf(ada.id), await balanceOf(grace.id), await balanceOf(alan.id)]).toEqual([10, 20, 30])

        const rejectApplied = await send("post", `/admin/loyalty-points/imports/${id}/reject`, second.headers, {})
        expect(rejectApplied.status).toBe(409)
      })

      it("should reject an import waiting for approval, after which it cannot be approved", async () => {
        await setThreshold(1)
        const created = await importRows({ rows: [{ email: ada.email, points: 10 }, { email: grace.email, points: 20 }] })
        const id = created.data.import.id
        const rejected = await send("post", `/admin/loyalty-points/imports/${id}/reject`, second.headers, {})
        expect(rejected.status).toBe(200)
        expect(rejected.data.import).toMatchObject({ status: "rejected", reviewed_by: second.user_id })
        const approve = await send("post", `/admin/loyalty-points/imports/${id}/approve`, second.headers, {})
        expect(approve.status).toBe(409)
        expect(approve.data.message).toContain("rejected")
        expect(await importEntries()).toHaveLength(0)
        expect((await send("post", "/admin/loyalty-points/imports/lpimp_missing/approve", second.headers, {})).status).toBe(404)
        expect((await send("post", `/admin/loyalty-points/imports/${id}/approve`, second.headers, { x: 1 })).status).toBe(400)
      })

      it("should import 10,000 rows, dry run and applied after approval, within the measured time", async () => {
        await setThreshold(1000)
        const customers = Array.from({ length: 10_000 }, (_, i) => ({ email: `bulk-${i}@loyalty.test`, has_account: true }))
        await getContainer().resolve(Modules.CUSTOMER).createCustomers(customers)
        const rows = customers.map((customer, i) => ({ email: customer.email, points: String(100 + (i % 50)), reason: "migration" }))

        let started = Date.now()
        const dry = await importRows({ rows, dry_run: true })
        const dryMs = Date.now() - started
        expect(dry.status).toBe(200)
        expect(dry.data.rows).toHaveLength(10_000)
        expect(dry.data.requires_approval).toBe(true)

        started = Date.now()
        const created = await importRows({ rows })
        const createMs = Date.now() - started
        expect(created.data.import.status).toBe("pending_approval")

        started = Date.now()
        const approved = await send("post", `/admin/loyalty-points/imports/${created.data.import.id}/approve`, second.headers, {})
        const applyMs = Date.now() - started
        expect(approved.status).toBe(200)
        expect(approved.data.entries_written).toBe(10_000)
        const expectedTotal = rows.reduce((sum, row) => sum + Number(row.points), 0)
        expect(approved.data.import.total_points).toBe(expectedTotal)
        expect(await importEntries()).toHaveLength(10_000)
        console.log(`10,000-row import: dry run ${dryMs} ms, stored for approval ${createMs} ms, approved and applied ${applyMs} ms`)
        expect(dryMs + createMs + applyMs).toBeLessThan(120_000)
      })
    })
  },
})
