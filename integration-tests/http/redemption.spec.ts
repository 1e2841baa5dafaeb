import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { CreatePromotionDTO, Event, HttpTypes, PromotionDTO } from "@medusajs/framework/types"
import { LOYALTY_POINTS_MODULE, LoyaltyPointsEvents, type ILoyaltyPointsModuleService } from "../../src/types"
import { releaseStaleHoldsWorkflow } from "../../src/workflows/redemption"
import { eventually, outcome } from "../helpers/async"
import { createAdminUser } from "../helpers/create-admin-user"
import {
  CheckoutStore,
  completeCart,
  createCart,
  createCheckoutStore,
  placeOrder,
  preparePayment,
  registerShopper,
  storeHeaders,
} from "../helpers/checkout"
import type { OrderLoyaltyEntry } from "../helpers/views"

jest.setTimeout(240_000)


medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: CheckoutStore
    let admin: Awaited<ReturnType<typeof createAdminUser>>

    const redeemedEvents: unknown[] = []

    beforeAll(async () => {
      store = await createCheckoutStore(getContainer())
      getContainer()
        .resolve(Modules.EVENT_BUS)
        .subscribe(LoyaltyPointsEvents.REDEEMED, async (event: Event) => {
          redeemedEvents.push(event.data ?? event)
        })
    })

    beforeEach(async () => {
      admin = await createAdminUser(getContainer())
      await api.post(
        "/admin/loyalty-points/program",
        { earn_rates: { usd: 0.5 }, redemption_values: { usd: 0.01, eur: 0.01 } },
        admin
      )
    })

    afterEach(async () => {
      expect((await loyalty().reconcile()).variances).toEqual([])
    })

    const loyalty = () => getContainer().resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)

    /** A registered shopper who already has `points` spendable points. */
    const shopperWith = async (email: string, points: number) => {
      const shopper = await registerShopper(api, store, email)
      const account = await loyalty().retrieveOrCreateAccount(shopper.customer_id)
      if (points) {
        await loyalty().creditPoints({ account_id: account.id, points, type: "import", idempotency_key: `seed:${email}` })
      }
      return { ...shopper, account_id: account.id }
    }
    const apply = (cartId: string, token: string, points: number, headers: Record<string, string> = {}) =>
      api.post(`/store/carts/${cartId}/loyalty-points`, { points }, { headers: { ...storeHeaders(store, token).headers, ...headers } })
    const state = async (cartId: string, token: string) =>
      (await api.get(`/store/carts/${cartId}/loyalty-points`, storeHeaders(store, token))).data.loyalty_points
    const cartOf = async (cartId: string, token: string) =>
      (await api.get(`/store/carts/${cartId}?fields=*promotions,discount_subtotal,discount_total,item_subtotal,total,tax_total`, storeHeaders(store, token))).data.cart
    const balanceOf = (accountId: string) => loyalty().retrieveAccountBalance(accountId)
    const loyaltyPromotions = async () =>
      (await getContainer().resolve(Modules.PROMOTION).listPromotions({}, { select: ["id", "code", "status"] })).filter((p) =>
        p.code?.startsWith("LPTS-")
      )

    describe("POST /store/carts/:id/loyalty-points", () => {
      it("should apply points as a real discount, spend exactly them at completion and earn only on what was paid", async () => {
        const shopper = await shopperWith("spender@example.com", 1000)
        const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 2 }] })

        const { data } = await apply(cartId, shopper.token, 500)
        expect(data.loyalty_points).toMatchObject({ applied_points: 500, discount_amount: 5, available: 500 })
        const cart = await cartOf(cartId, shopper.token)
        expect(cart.discount_subtotal).toBe(5)
        expect(cart.tax_total).toBe(10.5) // 10% of (100 - 5) plus 10% of shipping 10
        expect(cart.promotions.map((p: HttpTypes.StoreCartPromotion) => p.code)).toEqual([expect.stringMatching(/^LPTS-[A-Z2-9]{20}$/)])
        expect(await balanceOf(shopper.account_id)).toMatchObject({ balance: 1000, held: 500, available: 500 })

        const order = await completeCart(api, store, cartId, shopper.token)
        expect(await balanceOf(shopper.account_id)).toMatchObject({ balance: 500, held: 0, available: 500, lifetime_redeemed: 500 })
        expect(order.discount_subtotal).toBe(5)
        const {
          data: { order: adminOrder },
        } = await api.get(`/admin/orders/${order.id}?fields=*promotions`, admin)
        expect(adminOrder.promotions.map((p: PromotionDTO) => p.code)).toEqual(
          cart.promotions.map((p: HttpTypes.StoreCartPromotion) => p.code)
        )

        const view = await eventually(async () => {
          const { data } = await api.get(`/admin/orders/${order.id}/loyalty-points`, admin)
          expect(data.loyalty_points.entries.map((e: OrderLoyaltyEntry) => e.type).sort()).toEqual(["earn_pending", "redeem"])
          return data.loyalty_points
        })
        expect(view).toMatchObject({ redeemed: 500, earnable: 47 }) // (100 - 5) * 0.5, rounded down
        expect(view.entries.find((e: OrderLoyaltyEntry) => e.type === "redeem")).toMatchObject({ points: -500, order_id: order.id })
        await eventually(async () => expect((await loyaltyPromotions()).map((p) => p.status)).toEqual(["inactive"]))
        // The event is emitted by the order.placed handler, which runs after the response.
        await eventually(async () =>
          expect(redeemedEvents).toContainEqual(
            expect.objectContaining({ customer_id: shopper.customer_id, order_id: order.id, points: 500 })
          )
        )
      })

      it("should replace an earlier application and keep a normal promotion code beside it", async () => {
        const shopper = await shopperWith("replacer@example.com", 3000)
        await getContainer()
          .resolve(Modules.PROMOTION)
          .createPromotions([
            {
              code: "SAVE10",
              type: "standard",
              status: "active",
              application_method: { type: "fixed", target_type: "order", allocation: "across", value: 10, currency_code: "usd" },
            } as CreatePromotionDTO,
          ])
        const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 2 }] })
        await api.post(`/store/carts/${cartId}/promotions`, { promo_codes: ["SAVE10"] }, storeHeaders(store, shopper.token))
        await apply(cartId, shopper.token, 1000)
        const { data } = await apply(cartId, shopper.token, 2000)
        expect(data.loyalty_points).toMatchObject({ applied_points: 2000, discount_amount: 20 })
        const cart = await cartOf(cartId, shopper.token)
        expect(cart.discount_subtotal).toBe(30)
        expect(cart.promotions.map((p: HttpTypes.StoreCartPromotion) => p.code).sort()).toEqual([expect.stringMatching(/^LPTS-/), "SAVE10"])
        expect(await balanceOf(shopper.account_id)).toMatchObject({ held: 2000, available: 1000 })
        expect(await loyaltyPromotions()).toHaveLength(1) // the replaced one was removed

        await completeCart(api, store, cartId, shopper.token)
        expect(await balanceOf(shopper.account_id)).toMatchObject({ balance: 1000, held: 0 })
      })

      it.each([
        ["below the minimum", { min_points: 500 }, 400, "points must be at least 500 (minimum points per redemption)"],
        ["off the step", { step: 100 }, 450, "points must be a multiple of 100 (redemption step)"],
        ["above the per-order maximum", { max_points_per_order: 1000 }, 1500, "points must be at most 1000 (maximum points per order)"],
        ["above the share", { max_share: 0.5 }, 5100, "points may pay at most 50% of the cart's items: at most 5000 points (maximum share)"],
      ])("should refuse points %s with 400 and change nothing", async (_label, limits, points, message) => {
        await api.post("/admin/loyalty-points/program", { redemption: limits }, admin)
        const shopper = await shopperWith(`limits-${points}@example.com`, 10_000)
        const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 2 }] })
        const response = await outcome(apply(cartId, shopper.token, points as number))
        expect(response.status).toBe(400)
        expect(response.data.message).toBe(message)
        expect(await balanceOf(shopper.account_id)).toMatchObject({ balance: 10_000, held: 0 })
        expect((await cartOf(cartId, shopper.token)).promotions).toEqual([])
        expect(await loyaltyPromotions()).toEqual([])
      })

      it("should refuse more than available with 409, bad bodies with 400, and strangers with 401 or 404", async () => {
        const shopper = await shopperWith("poor@example.com", 300)
        const other = await shopperWith("stranger@example.com", 5000)
        const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 2 }] })

        const tooMuch = await outcome(apply(cartId, shopper.token, 301))
        expect(tooMuch).toMatchObject({ status: 409, data: { type: "conflict", message: "Not enough points: 300 available, 301 requested" } })
        for (const body of [{ points: 1.5 }, { points: 0 }, { points: "100" }, {}, { points: 10, extra: true }]) {
          const bad = await outcome(api.post(`/store/carts/${cartId}/loyalty-points`, body, storeHeaders(store, shopper.token)))
          expect(bad.status).toBe(400)
        }
        expect((await outcome(api.post(`/store/carts/${cartId}/loyalty-points`, { points: 10 }, storeHeaders(store)))).status).toBe(401)
        expect((await outcome(apply(cartId, other.token, 100))).status).toBe(404)
        expect((await outcome(api.delete(`/store/carts/${cartId}/loyalty-points`, storeHeaders(store, other.token)))).status).toBe(404)

        expect(await balanceOf(shopper.account_id)).toMatchObject({ balance: 300, held: 0 })
        expect(await balanceOf(other.account_id)).toMatchObject({ balance: 5000, held: 0 })
        expect((await cartOf(cartId, shopper.token)).promotions).toEqual([])
      })
    })

    describe("holds follow the cart", () => {
      it("should re-cap the discount and the hold when an item is removed, and release everything on DELETE", async () => {
        const shopper = await shopperWith("recap@example.com", 10_000)
        const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 2 }] })
        await apply(cartId, shopper.token, 8000) // $80 off $100
        const cart = await cartOf(cartId, shopper.token)
        const {
          data: { cart: full },
        } = await api.get(`/store/carts/${cartId}?fields=*items`, storeHeaders(store, shopper.token))
        await api.post(`/store/carts/${cartId}/line-items/${full.items[0].id}`, { quantity: 1 }, storeHeaders(store, shopper.token))
        expect(cart.discount_subtotal).toBe(80)

        const after = await cartOf(cartId, shopper.token)
        expect(after.discount_subtotal).toBe(50) // capped at the $50 left
        expect(await state(cartId, shopper.token)).toMatchObject({ applied_points: 5000, discount_amount: 50 })
        expect(await balanceOf(shopper.account_id)).toMatchObject({ held: 5000, available: 5000 })

        const { data } = await api.delete(`/store/carts/${cartId}/loyalty-points`, storeHeaders(store, shopper.token))
        expect(data.loyalty_points).toMatchObject({ applied_points: 0, discount_amount: 0, available: 10_000 })
        expect((await cartOf(cartId, shopper.token)).promotions).toEqual([])
        expect(await balanceOf(shopper.account_id)).toMatchObject({ balance: 10_000, held: 0 })
        expect(await loyaltyPromotions()).toEqual([])
      })

      it("should release a stale hold from the job, after which the cart completes without the discount", async () => {
        const shopper = await shopperWith("stale@example.com", 1000)
        const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain" }] })
        await apply(cartId, shopper.token, 400)
        const { result } = await releaseStaleHoldsWorkflow(getContainer()).run({
          input: { now: new Date(Date.now() + 2 * 60 * 60 * 1000) },
        })
        expect(result.released).toHaveLength(1)
        expect(await balanceOf(shopper.account_id)).toMatchObject({ balance: 1000, held: 0 })
        const again = await releaseStaleHoldsWorkflow(getContainer()).run({ input: { now: new Date(Date.now() + 2 * 60 * 60 * 1000) } })
        expect(again.result.released).toHaveLength(0)

        const order = await completeCart(api, store, cartId, shopper.token)
        expect(order.discount_subtotal).toBe(0)
        expect(await balanceOf(shopper.account_id)).toMatchObject({ balance: 1000, held: 0 })
      })

      it("should refuse to complete a cart whose hold expired before the job ran, creating no order", async () => {
        const shopper = await shopperWith("expired@example.com", 1000)
        const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain" }] })
        await apply(cartId, shopper.token, 400)
        const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        await pg.raw(`UPDATE loyalty_points_hold SET expires_at = now() - interval '1 minute' WHERE cart_id = ?`, [cartId])
        await expect(completeCart(api, store, cartId, shopper.token)).rejects.toThrow(
          /\(400\): The points discount on cart .* is no longer valid: its points hold expired/
        )
        const { data } = await api.get(`/admin/orders?fields=id`, admin)
        expect(data.orders).toEqual([])
        expect(await balanceOf(shopper.account_id)).toMatchObject({ balance: 1000, held: 400 })
      })
    })

    describe("only the plugin applies its codes", () => {
      it("should refuse the code applied by hand to another cart of the same or another customer", async () => {
        const shopper = await shopperWith("owner@example.com", 1000)
        const other = await shopperWith("thief@example.com", 0)
        const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain" }] })
        await apply(cartId, shopper.token, 500)
        const code = (await cartOf(cartId, shopper.token)).promotions[0].code

        for (const [token, label] of [[shopper.token, "same"], [other.token, "other"]] as const) {
          const targetCart = await createCart(api, store, { token, lines: [{ product: "plain" }] })
          const response = await outcome(
            api.post(`/store/carts/${targetCart}/promotions`, { promo_codes: [code] }, storeHeaders(store, token))
          )
          expect([label, response.status]).toEqual([label, 400])
          expect(response.data.message).toMatch(/is a loyalty points discount of another cart/)
          const order = await completeCart(api, store, targetCart, token)
          expect(order.discount_subtotal).toBe(0)
        }
        expect(await balanceOf(shopper.account_id)).toMatchObject({ balance: 1000, held: 500 })
        expect(await balanceOf(other.account_id)).toMatchObject({ balance: 0, held: 0 })
      })

      it("should refuse re-applying a released code by hand", async () => {
        const shopper = await shopperWith("reapply@example.com", 1000)
        const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain" }] })
        await apply(cartId, shopper.token, 500)
        const code = (await cartOf(cartId, shopper.token)).promotions[0].code
        await api.delete(`/store/carts/${cartId}/loyalty-points`, storeHeaders(store, shopper.token))
        const response = await outcome(
          api.post(`/store/carts/${cartId}/promotions`, { promo_codes: [code] }, storeHeaders(store, shopper.token))
        )
        expect(response.status).toBe(400)
        expect((await cartOf(cartId, shopper.token)).promotions).toEqual([])
      })
    })

    describe("concurrency", () => {
      it("should never hold more than the balance across two carts applying it all at once", async () => {
        const shopper = await shopperWith("twocarts@example.com", 1000)
        const carts = await Promise.all(
          [0, 1].map(() => createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 2 }] }))
        )
        const results = await Promise.all(carts.map((cartId) => outcome(apply(cartId, shopper.token, 1000))))
        expect(results.map((r) => r.status).sort()).toEqual([200, 409])
        expect(await balanceOf(shopper.account_id)).toMatchObject({ balance: 1000, held: 1000, available: 0 })

        for (const cartId of carts) {
          await preparePayment(api, store, cartId, shopper.token)
        }
        const completions = await Promise.allSettled(carts.map((cartId) => placeOrder(api, store, cartId, shopper.token)))
        expect(
          completions.filter((c): c is PromiseRejectedResult => c.status === "rejected").map((c) => c.reason.message)
        ).toEqual([])
        expect(await balanceOf(shopper.account_id)).toMatchObject({ balance: 0, held: 0, lifetime_redeemed: 1000 })
      })

      it("should spend exactly what was held when 10 carts complete at once on one balance", async () => {
        const shopper = await shopperWith("tencarts@example.com", 1000)
        const carts: string[] = []
        for (let i = 0; i < 10; i++) {
          const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain" }] })
          await apply(cartId, shopper.token, 100)
          carts.push(cartId)
        }
        expect(await balanceOf(shopper.account_id)).toMatchObject({ held: 1000, available: 0 })
        for (const cartId of carts) {
          await preparePayment(api, store, cartId, shopper.token)
        }
        const completions = await Promise.allSettled(carts.map((cartId) => placeOrder(api, store, cartId, shopper.token)))
        expect(
          completions.filter((c): c is PromiseRejectedResult => c.status === "rejected").map((c) => c.reason.message)
        ).toEqual([])
        expect(await balanceOf(shopper.account_id)).toMatchObject({ balance: 0, held: 0, lifetime_redeemed: 1000 })
        const redeems = await loyalty().listLoyaltyEntries({ account_id: shopper.account_id, type: "redeem" })
        expect(redeems.map((e) => e.points)).toEqual(Array(10).fill(-100))
      })
    })
    describe("vouchers", () => {
      it("should turn points into a single-use code that works once, only for the customer it was made for", async () => {
        const shopper = await shopperWith("voucher@example.com", 1000)
        const headers = { headers: { ...storeHeaders(store, shopper.token).headers, "Idempotency-Key": "voucher-1" } }
        const { data } = await api.post("/store/customers/me/loyalty-points/vouchers", { points: 500, currency_code: "USD" }, headers)
        expect(data.voucher).toMatchObject({ points: 500, amount: 5, currency_code: "usd", code: expect.stringMatching(/^LPV-[A-Z2-9]{20}$/) })
        const again = await api.post("/store/customers/me/loyalty-points/vouchers", { points: 500, currency_code: "USD" }, headers)
        expect(again.data.voucher.code).toBe(data.voucher.code)
        expect(await balanceOf(shopper.account_id)).toMatchObject({ balance: 500, lifetime_redeemed: 500 })

        // Someone else holding the code gets nothing from it (issue 8: only its customer).
        const friend = await shopperWith("friend@example.com", 0)
        const borrowed = await createCart(api, store, { token: friend.token, lines: [{ product: "plain" }] })
        await outcome(api.post(`/store/carts/${borrowed}/promotions`, { promo_codes: [data.voucher.code] }, storeHeaders(store, friend.token)))
        expect((await completeCart(api, store, borrowed, friend.token)).discount_subtotal).toBe(0)

        const first = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain" }] })
        await api.post(`/store/carts/${first}/promotions`, { promo_codes: [data.voucher.code] }, storeHeaders(store, shopper.token))
        expect((await completeCart(api, store, first, shopper.token)).discount_subtotal).toBe(5)

        const listed = await api.get("/store/customers/me/loyalty-points/vouchers", storeHeaders(store, shopper.token))
        expect(listed.data.vouchers).toEqual([expect.objectContaining({ code: data.voucher.code, points: 500, used: true })])

        const second = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain" }] })
        await outcome(api.post(`/store/carts/${second}/promotions`, { promo_codes: [data.voucher.code] }, storeHeaders(store, shopper.token)))
        expect((await completeCart(api, store, second, shopper.token)).discount_subtotal).toBe(0)
      })

      it("should refuse bad voucher requests and change nothing, and let an admin issue one", async () => {
        const shopper = await shopperWith("voucher-bad@example.com", 300)
        const post = (body: Record<string, unknown>) =>
          outcome(api.post("/store/customers/me/loyalty-points/vouchers", body, storeHeaders(store, shopper.token)))
        expect((await post({ points: 301, currency_code: "usd" })).status).toBe(409)
        expect((await post({ points: 100, currency_code: "gbp" })).data.message).toMatch(/no redemption value/)
        expect((await post({ points: 1.5, currency_code: "usd" })).status).toBe(400)
        expect((await post({ points: 100 })).status).toBe(400)
        expect((await outcome(api.post("/store/customers/me/loyalty-points/vouchers", { points: 1, currency_code: "usd" }, storeHeaders(store)))).status).toBe(401)
        expect(await balanceOf(shopper.account_id)).toMatchObject({ balance: 300 })
        expect((await api.get("/store/customers/me/loyalty-points/vouchers", storeHeaders(store, shopper.token))).data.vouchers).toEqual([])

        const { data } = await api.post(
          `/admin/customers/${shopper.customer_id}/loyalty-points/vouchers`,
          { points: 200, currency_code: "usd" },
          admin
        )
        expect(data.voucher).toMatchObject({ points: 200, amount: 2 })
        const [entry] = await loyalty().listLoyaltyEntries({ account_id: shopper.account_id, type: "redeem" })
        expect(entry).toMatchObject({ actor_type: "user", actor_id: admin.user_id, reference_type: "voucher", points: -200 })
        expect((await outcome(api.post(`/admin/customers/cus_missing/loyalty-points/vouchers`, { points: 1, currency_code: "usd" }, admin))).status).toBe(404)
      })
    })
  },
})
