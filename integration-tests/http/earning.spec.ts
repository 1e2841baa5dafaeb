import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { Event } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { LOYALTY_POINTS_MODULE, LoyaltyPointsEvents, type ILoyaltyPointsModuleService } from "../../src/types"
import { earnOnPaymentCapturedWorkflow, recordOrderEarningWorkflow } from "../../src/workflows/earning"
import type { EarnableLineBreakdown } from "../../src/workflows/earning/utils/compute-earnable-points"
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
import type { OrderLoyaltyEntry } from "../helpers/views"

jest.setTimeout(180_000)

const DAY = 24 * 60 * 60 * 1000


medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: CheckoutStore
    let admin: Awaited<ReturnType<typeof createAdminUser>>
    const tierEvents: unknown[] = []

    beforeAll(async () => {
      store = await createCheckoutStore(getContainer())
      getContainer()
        .resolve(Modules.EVENT_BUS)
        .subscribe(LoyaltyPointsEvents.TIER_CHANGED, async (event: Event) => {
          tierEvents.push(event.data ?? event)
        })
    })

    beforeEach(async () => {
      tierEvents.length = 0
      admin = await createAdminUser(getContainer())
      await api.post(
        "/admin/loyalty-points/program",
        { earn_rates: { usd: 0.5, eur: 2 }, redemption_values: { usd: 0.01, eur: 0.01 } },
        admin
      )
    })

    afterEach(async () => {
      const loyalty = getContainer().resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
      expect((await loyalty.reconcile()).variances).toEqual([])
    })

    const loyalty = () => getContainer().resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const orderPoints = async (orderId: string) =>
      (await api.get(`/admin/orders/${orderId}/loyalty-points`, admin)).data.loyalty_points
    const waitForPending = (orderId: string) =>
      eventually(async () => {
        const view = await orderPoints(orderId)
        expect(view.entries.some((entry: OrderLoyaltyEntry) => entry.type === "earn_pending")).toBe(true)
        return view
      })
    const capture = async (orderId: string, amount?: number) => {
      const [payment] = await orderPayments(api, orderId, admin)
      await api.post(`/admin/payments/${payment.id}/capture`, amount === undefined ? {} : { amount }, admin)
      return payment
    }
    const accountOf = (customerId: string) => loyalty().retrieveOrCreateAccount(customerId)

    const buy = async (
      email: string,
      lines: Parameters<typeof createCart>[2]["lines"],
      currency: "usd" | "eur" | "gbp" = "usd"
    ) => {
      const shopper = await registerShopper(api, store, email)
      const cartId = await createCart(api, store, { token: shopper.token, currency, lines })
      const order = await completeCart(api, store, cartId, shopper.token)
      return { shopper, order, cartId }
    }

    describe("order.placed and payment.captured", () => {
      it("should earn pending at completion and spendable at capture, tax and shipping excluded", async () => {
        const { shopper, order } = await buy("pending@example.com", [{ product: "plain", quantity: 2 }])
        // 2 x 50 = 100 before tax; tax 10 and shipping 10 do not count: 100 * 0.5.
        const view = await waitForPending(order.id)
        expect(view).toMatchObject({ earnable: 50, pending: 50, earned: 0, reason: null })
        const pendingEntry = view.entries.find((entry: OrderLoyaltyEntry) => entry.type === "earn_pending")
        expect(pendingEntry.metadata.lines).toEqual([
          expect.objectContaining({ amount: 100, multiplier: 1, points: 50, excluded: null }),
        ])
        expect(await accountOf(shopper.customer_id)).toMatchObject({ pending: 50, balance: 0 })

        await capture(order.id)
        const earned = await eventually(async () => {
          const after = await orderPoints(order.id)
          expect(after.earned).toBe(50)
          return after
        })
        expect(earned).toMatchObject({ pending: 0, earnable: 50 })
        expect(await accountOf(shopper.customer_id)).toMatchObject({ pending: 0, balance: 50, available: 50 })
        const [lot] = await loyalty().listLoyaltyLots({ account_id: (await accountOf(shopper.customer_id)).id })
        const days = (new Date(lot.expires_at as Date | string).getTime() - Date.now()) / DAY
        expect(days).toBeGreaterThan(364.9)
        expect(days).toBeLessThan(365.1)
      })

      it("should count tax and shipping when the programme says so", async () => {
        await api.post("/admin/loyalty-points/program", { earn_on_tax: true, earn_on_shipping: true }, admin)
        const { order } = await buy("taxed@example.com", [{ product: "plain", quantity: 2 }])
        // 100 + 10 tax + 10 shipping + 1 shipping tax = 121, times 0.5, rounded down.
        expect(order.total).toBe(121)
        expect((await waitForPending(order.id)).earnable).toBe(60)
      })

      it("should earn a partial capture's share and exactly the rest at the final capture", async () => {
        const { shopper, order } = await buy("partial@example.com", [{ product: "plain" }])
        // 50 + 5 tax + 10 shipping + 1 shipping tax = 66 paid; 25 points earnable.
        expect(order.total).toBe(66)
        await waitForPending(order.id)
        await capture(order.id, 20)
        await eventually(async () => expect((await orderPoints(order.id)).earned).toBe(7)) // floor(25 * 20 / 66)
        await capture(order.id, 46)
        const view = await eventually(async () => {
          const after = await orderPoints(order.id)
          expect(after.earned).toBe(25)
          return after
        })
        expect(view.pending).toBe(0)
        expect(view.entries.filter((e: OrderLoyaltyEntry) => e.type === "earn").map((e: OrderLoyaltyEntry) => e.points)).toEqual([7, 18])
        expect((await accountOf(shopper.customer_id)).balance).toBe(25)
      })

      it("should earn a EUR order at the EUR rate and nothing in a currency without a rate", async () => {
        const eur = await buy("eur@example.com", [{ product: "plain" }], "eur")
        expect((await waitForPending(eur.order.id)).earnable).toBe(80) // 40 * 2

        const gbp = await buy("gbp@example.com", [{ product: "plain" }], "gbp")
        const view = await waitForPending(gbp.order.id)
        expect(view).toMatchObject({ earnable: 0, pending: 0, reason: "no_earn_rate" })
        await capture(gbp.order.id)
        await new Promise((resolve) => setTimeout(resolve, 1000))
        expect((await accountOf(gbp.shopper.customer_id)).balance).toBe(0)
      })

      it("should exclude excluded products and gift cards and double a 2x line", async () => {
        await api.post(
          "/admin/loyalty-points/rules",
          { name: "No points on sale", action: "exclude", target_type: "collection", target_ids: [store.collectionId] },
          admin
        )
        await api.post(
          "/admin/loyalty-points/rules",
          { name: "Double shoes", action: "multiplier", multiplier: 2, target_type: "category", target_ids: [store.categoryId] },
          admin
        )
        const { order } = await buy("rules@example.com", [
          { product: "plain" },
          { product: "sale" },
          { product: "shoes" },
          { product: "giftcard" },
        ])
        const view = await waitForPending(order.id)
        // plain 25 + sale 0 + shoes 2 x 25 + gift card 0
        expect(view.earnable).toBe(75)
        const lines = view.breakdown.lines
        expect(lines.filter((l: EarnableLineBreakdown) => l.excluded === "gift_card")).toHaveLength(1)
        expect(lines.filter((l: EarnableLineBreakdown) => typeof l.excluded === "object" && l.excluded?.rule_id)).toHaveLength(1)
        expect(lines.filter((l: EarnableLineBreakdown) => l.multiplier === 2)).toHaveLength(1)
      })

      it("should earn 1.2x for a Gold customer and raise the tier when an earn crosses a threshold", async () => {
        const { data: silver } = await api.post(
          "/admin/loyalty-points/tiers",
          { name: "Silver", rank: 1, threshold: 40, window_months: 12, earn_multiplier: 1 },
          admin
        )
        const { data: gold } = await api.post(
          "/admin/loyalty-points/tiers",
          { name: "Gold", rank: 2, threshold: 100000, window_months: 12, earn_multiplier: 1.2 },
          admin
        )

        const first = await buy("climber@example.com", [{ product: "plain", quantity: 2 }])
        await waitForPending(first.order.id)
        let account = await accountOf(first.shopper.customer_id)
        expect(account.tier_id).toBeNull()
        await capture(first.order.id)
        await eventually(async () => expect((await accountOf(first.shopper.customer_id)).tier_id).toBe(silver.tier.id))
        await eventually(async () =>
          expect(tierEvents).toEqual([
            expect.objectContaining({ customer_id: first.shopper.customer_id, previous_tier_id: null, tier_id: silver.tier.id }),
          ])
        )

        const goldShopper = await registerShopper(api, store, "gold@example.com")
        account = await accountOf(goldShopper.customer_id)
        await loyalty().setAccountTier(account.id, gold.tier.id)
        const cartId = await createCart(api, store, { token: goldShopper.token, lines: [{ product: "plain", quantity: 2 }] })
        const order = await completeCart(api, store, cartId, goldShopper.token)
        const view = await waitForPending(order.id)
        expect(view.earnable).toBe(60) // 50 * 1.2
        expect(view.breakdown.tier_multiplier).toBe(1.2)
      })

      it("should cap a customer's points per day", async () => {
        await api.post("/admin/loyalty-points/program", { max_points_per_customer_per_day: 30 }, admin)
        const shopper = await registerShopper(api, store, "capped@example.com")
        const orders: Awaited<ReturnType<typeof completeCart>>[] = []
        for (let i = 0; i < 2; i++) {
          const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain" }] })
          orders.push(await completeCart(api, store, cartId, shopper.token))
          await waitForPending(orders[i].id)
        }
        const views = await Promise.all(orders.map((order) => orderPoints(order.id)))
        expect(views.map((v) => v.earnable)).toEqual([25, 5])
        expect(views[1].capped_from).toBe(25)
      })

      it("should earn nothing for a guest and earn for an order converted from a draft order", async () => {
        const guestCart = await createCart(api, store, { email: "guest@example.com", lines: [{ product: "plain" }] })
        const guestOrder = await completeCart(api, store, guestCart)
        await new Promise((resolve) => setTimeout(resolve, 1500))
        const guestView = await orderPoints(guestOrder.id)
        expect(guestView).toMatchObject({ earnable: 0, pending: 0, earned: 0, reason: "guest", entries: [] })

        const shopper = await registerShopper(api, store, "drafted@example.com")
        const {
          data: { draft_order },
        } = await api.post(
          "/admin/draft-orders",
          {
            email: shopper.email,
            customer_id: shopper.customer_id,
            region_id: store.regions.usd.id,
            sales_channel_id: store.salesChannelId,
            items: [{ variant_id: store.products.plain.variant_id, quantity: 2 }],
          },
          admin
        )
        await api.post(`/admin/draft-orders/${draft_order.id}/convert-to-order`, {}, admin)
        // Draft order totals carry no tax lines here: 2 x 50 = 100 at 0.5.
        const view = await waitForPending(draft_order.id)
        expect(view.earnable).toBe(50)
        expect(await accountOf(shopper.customer_id)).toMatchObject({ pending: 50 })
      })

      it("should earn once when the same events are delivered twice and at the same time", async () => {
        const { shopper, order } = await buy("twice@example.com", [{ product: "plain", quantity: 2 }])
        await waitForPending(order.id)
        const container = getContainer()
        await Promise.all([
          recordOrderEarningWorkflow(container).run({ input: { order_id: order.id } }),
          recordOrderEarningWorkflow(container).run({ input: { order_id: order.id } }),
        ])
        await recordOrderEarningWorkflow(container).run({ input: { order_id: order.id } })
        expect(await accountOf(shopper.customer_id)).toMatchObject({ pending: 50, balance: 0 })

        const payment = await capture(order.id)
        await eventually(async () => expect((await orderPoints(order.id)).earned).toBe(50))
        await Promise.all([
          earnOnPaymentCapturedWorkflow(container).run({ input: { payment_id: payment.id } }),
          earnOnPaymentCapturedWorkflow(container).run({ input: { payment_id: payment.id } }),
          recordOrderEarningWorkflow(container).run({ input: { order_id: order.id } }),
        ])
        await earnOnPaymentCapturedWorkflow(container).run({ input: { payment_id: payment.id } })
        const view = await orderPoints(order.id)
        expect(view).toMatchObject({ earnable: 50, pending: 0, earned: 50 })
        expect(view.entries.map((e: OrderLoyaltyEntry) => e.type)).toEqual(["earn_pending", "earn"])
        expect(await accountOf(shopper.customer_id)).toMatchObject({ pending: 0, balance: 50 })
      })
    })

    describe("GET /store/carts/:id/loyalty-points", () => {
      it("should answer the cart's earnable points to its own customer only", async () => {
        const owner = await registerShopper(api, store, "owner@example.com")
        const other = await registerShopper(api, store, "other@example.com")
        const cartId = await createCart(api, store, { token: owner.token, lines: [{ product: "plain", quantity: 3 }] })

        const { data } = await api.get(`/store/carts/${cartId}/loyalty-points`, storeHeaders(store, owner.token))
        expect(data.loyalty_points).toMatchObject({
          cart_id: cartId,
          currency_code: "usd",
          earnable_points: 75,
          available: 0,
          applied_points: 0,
          max_redeemable_points: 0,
        })

        const anonymous = await api.get(`/store/carts/${cartId}/loyalty-points`, storeHeaders(store)).catch((e: HttpError) => e.response)
        expect(anonymous.status).toBe(401)
        const foreign = await api
          .get(`/store/carts/${cartId}/loyalty-points`, storeHeaders(store, other.token))
          .catch((e: HttpError) => e.response)
        expect(foreign.status).toBe(404)
      })
    })

    describe("GET|POST /admin/loyalty-points/program", () => {
      it("should answer the effective settings and save a subset", async () => {
        const { data } = await api.post(
          "/admin/loyalty-points/program",
          { rounding: "nearest", expiry: { days: 90 }, min_order_amounts: { usd: 20 } },
          admin
        )
        expect(data.program).toMatchObject({
          earn_rates: { usd: 0.5, eur: 2 },
          rounding: "nearest",
          expiry: { policy: "days_after_earn", days: 90 },
          min_order_amounts: { usd: 20 },
          earn_on_shipping: false,
          earn_on_tax: false,
        })
        const { data: read } = await api.get("/admin/loyalty-points/program", admin)
        expect(read.program).toEqual(data.program)
      })

      it.each([
        ["a negative rate", { earn_rates: { usd: -1 } }, /earn_rates/],
        ["an unknown currency code", { earn_rates: { xyz: 1 } }, /Unknown currency code: earn_rates.xyz/],
        ["a non-numeric rate", { earn_rates: { usd: "abc" } }, /earn_rates/],
        ["an unknown field", { earn_rate: { usd: 1 } }, /earn_rate/],
        ["an unknown rounding", { rounding: "sideways" }, /rounding/],
        ["a zero expiry", { expiry: { days: 0 } }, /expiry/],
      ])("should refuse %s with 400 and change nothing", async (_label, body, message) => {
        const before = (await api.get("/admin/loyalty-points/program", admin)).data.program
        const error = await api.post("/admin/loyalty-points/program", body, admin).catch((e: HttpError) => e.response)
        expect(error.status).toBe(400)
        expect(error.data.message).toMatch(message)
        expect((await api.get("/admin/loyalty-points/program", admin)).data.program).toEqual(before)
      })

      it("should refuse requests without an admin token", async () => {
        const error = await api.get("/admin/loyalty-points/program").catch((e: HttpError) => e.response)
        expect(error.status).toBe(401)
      })
    })
  },
})
