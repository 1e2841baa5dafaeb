import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { OrderLineItemDTO } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../src/types"
import { recoverLoyaltyPointsWorkflow } from "../../src/workflows/recovery"
import { eventually, outcome } from "../helpers/async"
import { createAdminUser } from "../helpers/create-admin-user"
import {
  CheckoutStore,
  completeCart,
  createCart,
  createCheckoutStore,
  preparePayment,
  registerShopper,
  storeHeaders,
} from "../helpers/checkout"

jest.setTimeout(600_000)

const VALUE_PER_POINT = 0.01

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: CheckoutStore
    let admin: Awaited<ReturnType<typeof createAdminUser>>

    beforeAll(async () => {
      store = await createCheckoutStore(getContainer())
    })

    beforeEach(async () => {
      admin = await createAdminUser(getContainer())
      await api.post(
        "/admin/loyalty-points/program",
        { earn_rates: { usd: 1 }, redemption_values: { usd: VALUE_PER_POINT } },
        admin
      )
    })

    afterEach(async () => {
      expect((await loyalty().reconcile()).variances).toEqual([])
    })

    const loyalty = () => getContainer().resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const shopperWith = async (email: string, points: number) => {
      const shopper = await registerShopper(api, store, email)
      const account = await loyalty().retrieveOrCreateAccount(shopper.customer_id)
      await loyalty().creditPoints({ account_id: account.id, points, type: "import", idempotency_key: `seed:${email}` })
      return { ...shopper, account_id: account.id }
    }
    const apply = (cartId: string, token: string, points: number) =>
      outcome(api.post(`/store/carts/${cartId}/loyalty-points`, { points }, storeHeaders(store, token)))
    const remove = (cartId: string, token: string) =>
      outcome(api.delete(`/store/carts/${cartId}/loyalty-points`, storeHeaders(store, token)))
    const state = async (cartId: string, token: string) =>
      (await api.get(`/store/carts/${cartId}/loyalty-points`, storeHeaders(store, token))).data.loyalty_points
    const complete = (cartId: string, token: string) =>
      outcome(api.post(`/store/carts/${cartId}/complete`, {}, storeHeaders(store, token)))

    /** The points discount an order was created with: its item adjustments from LPTS- codes. */
    const pointsDiscountOf = async (orderId: string) => {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "order",
        fields: ["id", "items.adjustments.code", "items.adjustments.amount"],
        filters: { id: orderId },
      })
      const items: Pick<OrderLineItemDTO, "adjustments">[] = data[0].items ?? []
      const amount = items
        .flatMap((item) => item.adjustments ?? [])
        .filter((adjustment) => String(adjustment.code).startsWith("LPTS-"))
        .reduce((sum: number, adjustment) => sum + Number(adjustment.amount), 0)
      return Math.round(amount * 100) / 100
    }

    /** For every order: its points discount is the money value of its redeem entry; none lacks it. */
    const assertOrdersMatchRedeems = async (accountId: string, orderIds: string[]) => {
      await eventually(async () => {
        const redeems = await loyalty().listLoyaltyEntries({ account_id: accountId, type: "redeem" })
        for (const orderId of orderIds) {
          const discount = await pointsDiscountOf(orderId)
          const mine = redeems.filter((entry) => entry.order_id === orderId)
          if (discount > 0) {
            expect([orderId, mine.length]).toEqual([orderId, 1])
            expect([orderId, Math.round(-mine[0].balance_change * VALUE_PER_POINT * 100) / 100]).toEqual([orderId, discount])
          } else {
            expect([orderId, mine]).toEqual([orderId, []])
          }
        }
        // And no redeem entry without its order.
        expect(redeems.filter((entry) => !entry.order_id || !orderIds.includes(entry.order_id))).toEqual([])
      }, 30_000)
    }

    it("should spend exactly the points behind each order's discount while completions race re-apply and remove (20 rounds)", async () => {
      const shopper = await shopperWith("racer@example.com", 100_000)
      const orderIds: string[] = []
      const outcomes: string[] = []
      for (let round = 0; round < 20; round++) {
        const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 2 }] })
        expect((await apply(cartId, shopper.token, 1000)).status).toBe(200)
        await preparePayment(api, store, cartId, shopper.token)
        // The change starts 0-300 ms after the completion, so either can take the cart's lock first.
        const racer = new Promise((resolve) => setTimeout(resolve, (round * 53) % 300)).then(() =>
          round % 2 === 0 ? apply(cartId, shopper.token, 2000 + round * 100) : remove(cartId, shopper.token)
        )
        const [completed, raced] = await Promise.all([complete(cartId, shopper.token), racer])
        let order = completed.status === 200 && completed.data.type === "order" ? completed.data.order : null
        if (!order) {
          // The change came first and dropped the payment session: pay again and complete.
          order = await completeCart(api, store, cartId, shopper.token)
        }
        outcomes.push(`${round % 2 === 0 ? "apply" : "remove"}:${raced.status}:${completed.data?.type ?? completed.status}`)
        orderIds.push(order.id)
      }
      await assertOrdersMatchRedeems(shopper.account_id, orderIds)
      const redeemed = (await loyalty().listLoyaltyEntries({ account_id: shopper.account_id, type: "redeem" })).reduce(
        (sum, entry) => sum - entry.balance_change,
        0
      )
      expect(await loyalty().retrieveAccountBalance(shopper.account_id)).toMatchObject({
        balance: 100_000 - redeemed,
        held: 0,
      })
      expect(outcomes.length).toBe(20)
      // Both orders happened: completions that took the lock first, and changes that did.
      expect(outcomes.some((o) => o.endsWith(":order"))).toBe(true)
      expect(outcomes.some((o) => !o.endsWith(":order"))).toBe(true)
      console.log(`race outcomes (change:status:completion): ${outcomes.join(" ")}`)
    })

    it("should answer the order when a cart that spent points is completed again, spending nothing more", async () => {
      const shopper = await shopperWith("twice@example.com", 1000)
      const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 2 }] })
      await apply(cartId, shopper.token, 500)
      const order = await completeCart(api, store, cartId, shopper.token)
      const again = await complete(cartId, shopper.token)
      expect(again.status).toBe(200)
      expect(again.data).toMatchObject({ type: "order", order: { id: order.id } })
      const parallel = await Promise.all([complete(cartId, shopper.token), complete(cartId, shopper.token)])
      expect(parallel.map((r) => [r.status, r.data?.order?.id])).toEqual([
        [200, order.id],
        [200, order.id],
      ])
      expect(await loyalty().retrieveAccountBalance(shopper.account_id)).toMatchObject({ balance: 500, held: 0 })
      await assertOrdersMatchRedeems(shopper.account_id, [order.id])
    })

    it("should shrink the discount and the hold to the limits after items are removed, and complete with that", async () => {
      await api.post("/admin/loyalty-points/program", { redemption: { max_share: 0.5 } }, admin)
      const shopper = await shopperWith("shrink@example.com", 10_000)
      const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 2 }] })
      expect((await apply(cartId, shopper.token, 5000)).status).toBe(200) // $50: half of $100
      const {
        data: { cart },
      } = await api.get(`/store/carts/${cartId}?fields=*items`, storeHeaders(store, shopper.token))
      await api.post(`/store/carts/${cartId}/line-items/${cart.items[0].id}`, { quantity: 1 }, storeHeaders(store, shopper.token))

      // Half of the $50 left: 2500 points. Medusa alone would have kept $50.
      expect(await state(cartId, shopper.token)).toMatchObject({ applied: true, applied_points: 2500, discount_amount: 25 })
      expect(await loyalty().retrieveAccountBalance(shopper.account_id)).toMatchObject({ held: 2500, available: 7500 })
      const {
        data: { cart: after },
      } = await api.get(`/store/carts/${cartId}?fields=*promotions,discount_subtotal,item_subtotal,total`, storeHeaders(store, shopper.token))
      expect(after.discount_subtotal).toBe(25)

      const order = await completeCart(api, store, cartId, shopper.token)
      expect(await pointsDiscountOf(order.id)).toBe(25)
      expect(await loyalty().retrieveAccountBalance(shopper.account_id)).toMatchObject({ balance: 7500, held: 0 })
      await assertOrdersMatchRedeems(shopper.account_id, [order.id])
    })

    it("should check the limits at completion: a discount the limits no longer allow is refused, shrunk, and then completes", async () => {
      const shopper = await shopperWith("limit@example.com", 10_000)
      const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 2 }] })
      expect((await apply(cartId, shopper.token, 4000)).status).toBe(200)
      await preparePayment(api, store, cartId, shopper.token)
      // The merchant lowers the per-order maximum: no cart event, so only completion can see it.
      await api.post("/admin/loyalty-points/program", { redemption: { max_points_per_order: 1500 } }, admin)

      const refused = await complete(cartId, shopper.token)
      expect(refused.status).toBe(400)
      expect(refused.data.code).toBe("loyalty_points_recapped")
      expect(refused.data.message).toMatch(/more than the programme allows for the cart as it is now \(at most 1500 points\)/)
      const { data } = await api.get(`/admin/orders?fields=id`, admin)
      expect(data.orders).toEqual([])

      await eventually(async () =>
        expect(await state(cartId, shopper.token)).toMatchObject({ applied: true, applied_points: 1500, discount_amount: 15 })
      )
      expect(await loyalty().retrieveAccountBalance(shopper.account_id)).toMatchObject({ balance: 10_000, held: 1500 })
      const order = await completeCart(api, store, cartId, shopper.token)
      expect(await pointsDiscountOf(order.id)).toBe(15)
      expect(await loyalty().retrieveAccountBalance(shopper.account_id)).toMatchObject({ balance: 8500, held: 0 })
      await assertOrdersMatchRedeems(shopper.account_id, [order.id])
    })

    describe("recovery job", () => {
      const later = () => new Date(Date.now() + 60 * 60 * 1000) // past the 30-minute grace period
      const recover = async () => (await recoverLoyaltyPointsWorkflow(getContainer()).run({ input: { now: later() } })).result
      const cleanReport = { orders_without_redeem: [], mismatched: [], redeems_without_order: [] }

      it("should give back the points of a redeem entry whose cart never became an order, once, run twice and in parallel", async () => {
        const shopper = await shopperWith("orphan@example.com", 1000)
        const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain" }] })
        await apply(cartId, shopper.token, 400)
        // The process dies right after the completion guard converted the hold: no order.
        const hold = (await loyalty().retrieveActiveHoldForCart(cartId))!
        await loyalty().convertHold({ hold_id: hold.id, points: 400, currency_code: "usd", reason: "cart_completed" })
        expect(await loyalty().retrieveAccountBalance(shopper.account_id)).toMatchObject({ balance: 600, held: 0 })

        // Within the grace period nothing is touched.
        const early = (await recoverLoyaltyPointsWorkflow(getContainer()).run({ input: {} })).result
        expect(early.returned_redemptions).toEqual([])

        // Two runs at once heal it once; later runs find nothing.
        const [first, second] = await Promise.all([recover(), recover()])
        expect([...first.returned_redemptions, ...second.returned_redemptions]).toHaveLength(1)
        const third = await recover()
        expect(third.returned_redemptions).toEqual([])
        expect(third.reconciliation).toEqual(cleanReport)
        expect((await recover()).returned_redemptions).toEqual([])

        expect(await loyalty().retrieveAccountBalance(shopper.account_id)).toMatchObject({ balance: 1000, held: 0, available: 1000 })
        const reversals = await loyalty().listLoyaltyEntries({ account_id: shopper.account_id, type: "redeem_reversal" })
        expect(reversals.map((entry) => entry.points)).toEqual([400])
        const [after] = await loyalty().listLoyaltyHolds({ id: hold.id })
        expect(after.status).toBe("released")
      })

      it("should settle again an order whose order.placed handler failed, once, run twice and in parallel", async () => {
        const shopper = await shopperWith("unsettled@example.com", 1000)
        const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 2 }] })
        await apply(cartId, shopper.token, 500)
        // The order.placed handler fails (forced once, in its first step).
        const service = loyalty()
        const original = service.attachOrderToCartRedemption
        let failures = 0
        service.attachOrderToCartRedemption = async () => {
          failures++
          throw new Error("forced failure of the order.placed handler")
        }
        let order: Awaited<ReturnType<typeof completeCart>>
        try {
          order = await completeCart(api, store, cartId, shopper.token)
          await eventually(async () => expect(failures).toBe(1))
          await new Promise((resolve) => setTimeout(resolve, 500))
        } finally {
          service.attachOrderToCartRedemption = original
        }
        expect(await loyalty().listLoyaltyEntries({ order_id: order.id })).toEqual([])
        // Two runs at once settle it once; later runs find nothing to do.
        const [first, second] = await Promise.all([recover(), recover()])
        expect([...first.settled_orders, ...second.settled_orders]).toContain(order.id)
        const third = await recover()
        expect(third.settled_orders).toEqual([])
        expect(third.reconciliation).toEqual(cleanReport)
        expect((await recover()).settled_orders).toEqual([])
        const entries = await loyalty().listLoyaltyEntries({ order_id: order.id })
        expect(entries.map((entry) => entry.type).sort()).toEqual(["earn_pending", "redeem"])
        expect(await loyalty().retrieveAccountBalance(shopper.account_id)).toMatchObject({ balance: 500, held: 0, pending: 95 })
        await assertOrdersMatchRedeems(shopper.account_id, [order.id])
      })
    })
  },
})
