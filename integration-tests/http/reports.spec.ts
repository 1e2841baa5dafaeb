import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../src/types"
import type { SummaryReport } from "../../src/workflows/reports/utils/summary-report"
import { eventually } from "../helpers/async"
import { createAdminUser } from "../helpers/create-admin-user"
import {
  CheckoutStore,
  completeCart,
  createCart,
  createCheckoutStore,
  orderPayments,
  registerShopper,
  storeHeaders,
} from "../helpers/checkout"
import type { HttpError } from "../helpers/http"

type SeriesRow = SummaryReport["series"][number]

jest.setTimeout(300_000)

const DAY = 24 * 60 * 60 * 1000
const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString()

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: CheckoutStore
    let admin: Awaited<ReturnType<typeof createAdminUser>>
    const totals = { members: 0, others: 0, memberOrders: 0, otherOrders: 0 }
    let earned = 0
    const loyalty = () => getContainer().resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const orderPoints = async (orderId: string) =>
      (await api.get(`/admin/orders/${orderId}/loyalty-points`, admin)).data.loyalty_points
    const report = (query: string) =>
      api.get(`/admin/loyalty-points/reports/summary${query}`, admin).catch((error: HttpError) => error.response)

    /*
     * The seeded programme: Ada (member) places two orders, both captured; Bob (member)
     * gets 1,000 points by adjustment and spends 200 on one uncaptured order; Cy gets
     * 300 points expiring tomorrow, which the expiry run of the day after takes; a
     * guest places one order. Totals are the orders' own.
     */
    beforeAll(async () => {
      const container = getContainer()
      store = await createCheckoutStore(container)
      admin = await createAdminUser(container, { email: "reports@loyalty.test" })
      await api.post("/admin/loyalty-points/program", { earn_rates: { usd: 1, eur: 1 }, redemption_values: { usd: 0.01, eur: 0.02, xof: 6.557 } }, admin)

      const ada = await registerShopper(api, store, "ada-report@loyalty.test")
      for (const quantity of [1, 2]) {
        const cartId = await createCart(api, store, { token: ada.token, lines: [{ product: "plain", quantity }] })
        const order = await completeCart(api, store, cartId, ada.token)
        totals.members += order.total
        totals.memberOrders += 1
        await eventually(async () => expect((await orderPoints(order.id)).pending).toBeGreaterThan(0))
        const [payment] = await orderPayments(api, order.id, admin)
        await api.post(`/admin/payments/${payment.id}/capture`, {}, admin)
        earned += await eventually(async () => {
          const points = await orderPoints(order.id)
          expect(points.earned).toBeGreaterThan(0)
          return points.earned as number
        })
      }

      const bob = await registerShopper(api, store, "bob-report@loyalty.test")
      await api.post(`/admin/customers/${bob.customer_id}/loyalty-points/adjustments`, { points: 1000, reason: "goodwill" }, admin)
      const bobCart = await createCart(api, store, { token: bob.token, lines: [{ product: "sale" }] })
      await api.post(`/store/carts/${bobCart}/loyalty-points`, { points: 200 }, storeHeaders(store, bob.token))
      const bobOrder = await completeCart(api, store, bobCart, bob.token)
      totals.members += bobOrder.total
      totals.memberOrders += 1
      await eventually(async () => expect((await orderPoints(bobOrder.id)).redeemed).toBe(200))

      const cy = await registerShopper(api, store, "cy-report@loyalty.test")
      await api.post(
        `/admin/customers/${cy.customer_id}/loyalty-points/adjustments`,
        { points: 300, reason: "goodwill", expires_at: iso(1) },
        admin
      )
      const expired = await loyalty().expirePoints({ as_of: iso(1.5) })
      expect(expired.points).toBe(300)

      const guestCart = await createCart(api, store, { email: "guest-report@loyalty.test", lines: [{ product: "shoes" }] })
      const guestOrder = await completeCart(api, store, guestCart)
      totals.others += guestOrder.total
      totals.otherOrders += 1
    })

    describe("GET /admin/loyalty-points/reports/summary", () => {
      it("should answer the seeded figures, computed in SQL", async () => {
        const response = await report(`?from=${iso(-1)}&to=${iso(2)}`)
        expect(response.status).toBe(200)
        const summary = response.data.summary
        const accounts = await loyalty().listLoyaltyAccounts({})
        const outstanding = accounts.reduce((sum, account) => sum + Math.max(account.balance, 0), 0)
        expect(outstanding).toBe(earned + 800)
        expect(summary).toMatchObject({
          granularity: "week",
          outstanding_points: outstanding,
          earned,
          redeemed: 200,
          expired: 300,
          adjusted: 1300,
          clawed_back: 0,
          redemption_rate: Math.round((200 / earned) * 10000) / 10000,
          repeat_purchase: { members_with_orders: 2, repeat_members: 1, rate: 0.5 },
        })
        expect(summary.liability).toEqual([
          { currency_code: "eur", redemption_value: 0.02, amount: Math.round(outstanding * 2) / 100 },
          { currency_code: "usd", redemption_value: 0.01, amount: Math.round(outstanding) / 100 },
          // The franc CFA has no minor unit: its liability is whole francs, half up.
          { currency_code: "xof", redemption_value: 6.557, amount: Math.round((outstanding * 6557) / 1000) },
        ])
        expect(Number.isInteger(summary.liability[2].amount)).toBe(true)
        expect(summary.sales).toEqual([
          {
            currency_code: "usd",
            members: { orders: totals.memberOrders, amount: totals.members },
            others: { orders: totals.otherOrders, amount: totals.others },
          },
        ])
        expect(summary.tiers).toEqual([{ tier_id: null, name: "No tier", accounts: accounts.length }])
        // The series adds up to the totals and ends at what is outstanding now.
        const sum = (key: "earned" | "redeemed" | "expired") => summary.series.reduce((total: number, row: SeriesRow) => total + row[key], 0)
        expect([sum("earned"), sum("redeemed"), sum("expired")]).toEqual([earned, 200, 300])
        const last = summary.series[summary.series.length - 1]
        expect(last.outstanding_points).toBe(outstanding)
        expect(last.liability).toEqual({
          eur: Math.round(outstanding * 2) / 100,
          usd: Math.round(outstanding) / 100,
          xof: Math.round((outstanding * 6557) / 1000),
        })
      })

      it("should narrow to one currency and to a range", async () => {
        const eur = (await report(`?from=${iso(-1)}&to=${iso(2)}&currency_code=EUR`)).data.summary
        expect(eur.liability.map((row: SummaryReport["liability"][number]) => row.currency_code)).toEqual(["eur"])
        expect(eur.sales).toEqual([])
        expect(eur.repeat_purchase).toEqual({ members_with_orders: 0, repeat_members: 0, rate: null })
        const before = (await report(`?from=${iso(-30)}&to=${iso(-2)}&granularity=month`)).data.summary
        expect(before).toMatchObject({ earned: 0, redeemed: 0, expired: 0, redemption_rate: null, granularity: "month", sales: [] })
        expect(before.series.every((row: SeriesRow) => row.outstanding_points === 0)).toBe(true)
      })

      it("should export the same figures as CSV", async () => {
        const json = (await report(`?from=${iso(-1)}&to=${iso(2)}`)).data.summary
        const csv = await report(`?from=${iso(-1)}&to=${iso(2)}&format=csv`)
        expect(csv.status).toBe(200)
        expect(csv.headers["content-type"]).toContain("text/csv")
        const lines: string[] = csv.data.split("\n")
        expect(lines).toContain(`totals,earned,${json.earned}`)
        expect(lines).toContain(`totals,outstanding_points,${json.outstanding_points}`)
        expect(lines).toContain(`liability,usd,${json.liability[1].amount}`)
        expect(lines).toContain(`sales_members,usd,${json.sales[0].members.amount}`)
      })

      it("should refuse bad queries and anonymous callers", async () => {
        for (const query of [`?from=${iso(1)}&to=${iso(-1)}`, "?from=yesterday", "?from=2026-02-30", "?to=March%205%202026", "?currency_code=dollars", "?granularity=day", "?foo=1", `?from=${iso(-3000)}`]) {
          const response = await report(query)
          expect(response.status).toBe(400)
          expect(response.data.type).toBe("invalid_data")
        }
        const anonymous = await api.get("/admin/loyalty-points/reports/summary").catch((error: HttpError) => error.response)
        expect(anonymous.status).toBe(401)
      })
    })
  },
})
