import fs from "fs"
import path from "path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { HttpTypes } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../src/types"
import { hookRecord } from "../../src/workflows/hooks/utils/take-hook"
import { eventually, outcome } from "../helpers/async"
import { createAdminUser } from "../helpers/create-admin-user"
import { CheckoutStore, completeCart, createCart, createCheckoutStore, registerShopper, storeHeaders } from "../helpers/checkout"
import type { OrderLoyaltyEntry } from "../helpers/views"

jest.setTimeout(240_000)

// The runner reads medusa-config.ts before it applies its `env`: the variable that adds
// @medusajs/loyalty-plugin (gift cards, store credit) is set here, and removed after.
process.env.LOYALTY_POINTS_WITH_MEDUSA_LOYALTY = "true"
afterAll(() => {
  delete process.env.LOYALTY_POINTS_WITH_MEDUSA_LOYALTY
})

/**
 * The workflow hooks the installed @medusajs/loyalty-plugin registers, read from its built
 * hook files, so the check follows whatever version the store has.
 */
function hooksOfMedusaLoyaltyPlugin(): string[] {
  const dir = path.join(path.dirname(require.resolve("@medusajs/loyalty-plugin/package.json")), ".medusa/server/src/workflows/hooks")
  const sources = fs.readdirSync(dir).filter((file) => file.endsWith(".js")).map((file) => fs.readFileSync(path.join(dir, file), "utf8"))
  return [...new Set(sources.flatMap((source) => [...source.matchAll(/([A-Za-z]+Workflow)\.hooks\.([A-Za-z]+)/g)].map((m) => `${m[1]}.hooks.${m[2]}`)))]
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: CheckoutStore
    let admin: Awaited<ReturnType<typeof createAdminUser>>

    beforeAll(async () => {
      store = await createCheckoutStore(getContainer())
    })

    beforeEach(async () => {
      admin = await createAdminUser(getContainer())
      await api.post("/admin/loyalty-points/program", { earn_rates: { usd: 1 }, redemption_values: { usd: 0.01 } }, admin)
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

    it("should start beside @medusajs/loyalty-plugin, holding none of its hooks", async () => {
      const record = hookRecord()
      expect(record.missing).toEqual([])
      expect(record.held.sort()).toEqual(["completeCartWorkflow.hooks.validate", "updateCartPromotionsWorkflow.hooks.validate"])
      const theirs = hooksOfMedusaLoyaltyPlugin()
      expect(theirs.length).toBeGreaterThanOrEqual(4)
      expect(record.held.filter((hook) => theirs.includes(hook))).toEqual([])
      // Its modules are loaded: gift cards and store credit.
      expect(getContainer().hasRegistration("loyalty")).toBe(true)
      expect(getContainer().hasRegistration("store_credit")).toBe(true)
    })

    it("should complete a checkout that spends points, and serve the gift card and store credit routes", async () => {
      const shopper = await shopperWith("both@example.com", 1000)
      const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 2 }] })
      const applied = await apply(cartId, shopper.token, 500)
      expect(applied).toMatchObject({ status: 200, data: { loyalty_points: { applied: true, applied_points: 500, discount_amount: 5 } } })

      const order = await completeCart(api, store, cartId, shopper.token)
      expect(order.discount_subtotal).toBe(5)
      expect(await loyalty().retrieveAccountBalance(shopper.account_id)).toMatchObject({ balance: 500, held: 0 })
      await eventually(async () => {
        const { data } = await api.get(`/admin/orders/${order.id}/loyalty-points`, admin)
        expect(data.loyalty_points.entries.map((e: OrderLoyaltyEntry) => e.type).sort()).toEqual(["earn_pending", "redeem"])
      })

      // @medusajs/loyalty-plugin's own routes answer in the same store.
      const giftCards = await api.get("/admin/gift-cards", admin)
      expect(giftCards.status).toBe(200)
      expect(giftCards.data.gift_cards).toEqual(expect.any(Array))
      const accounts = await api.get("/admin/store-credit-accounts", admin)
      expect(accounts.status).toBe(200)
      expect(accounts.data.store_credit_accounts).toEqual(expect.any(Array))
      const mine = await api.get("/store/store-credit-accounts?currency_code=usd", storeHeaders(store, shopper.token))
      expect(mine.status).toBe(200)
      expect(mine.data.store_credit_accounts).toEqual(expect.any(Array))
      const unknownCard = await outcome(api.get("/store/gift-cards/NO-SUCH-CARD", storeHeaders(store, shopper.token)))
      expect(unknownCard.status).toBe(404)
    })

    it("should make the hold follow the discount when items change, through cart.updated", async () => {
      const shopper = await shopperWith("follow@example.com", 10_000)
      const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 2 }] })
      await apply(cartId, shopper.token, 8000) // $80 off $100
      const {
        data: { cart },
      } = await api.get(`/store/carts/${cartId}?fields=*items`, storeHeaders(store, shopper.token))
      await api.post(`/store/carts/${cartId}/line-items/${cart.items[0].id}`, { quantity: 1 }, storeHeaders(store, shopper.token))
      // Nobody reads the cart state: the subscriber alone lowers the hold to the $50 left.
      await eventually(async () =>
        expect(await loyalty().retrieveAccountBalance(shopper.account_id)).toMatchObject({ held: 5000, available: 5000 })
      )
      const order = await completeCart(api, store, cartId, shopper.token)
      expect(order.discount_subtotal).toBe(50)
      expect(await loyalty().retrieveAccountBalance(shopper.account_id)).toMatchObject({ balance: 5000, held: 0 })
    })

    it("should answer 503 for redemption while another plugin holds its completion guard, and keep the rest working", async () => {
      const shopper = await shopperWith("noguard@example.com", 1000)
      const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain" }] })
      const record = hookRecord()
      const reason = "Points redemption is unavailable: another plugin already holds completeCartWorkflow.hooks.validate (test)"
      record.missing.push({ hook: "completeCartWorkflow.hooks.validate", reason })
      try {
        const refused = await apply(cartId, shopper.token, 100)
        expect(refused).toMatchObject({ status: 503, data: { code: "redemption_unavailable", message: reason } })
        const { data } = await api.get(`/store/carts/${cartId}/loyalty-points`, storeHeaders(store, shopper.token))
        expect(data.loyalty_points).toMatchObject({ redemption_available: false, max_redeemable_points: 0, applied: false })
        expect(await loyalty().retrieveAccountBalance(shopper.account_id)).toMatchObject({ balance: 1000, held: 0 })
        // Earning keeps working.
        const order = await completeCart(api, store, cartId, shopper.token)
        await eventually(async () => {
          const view = await api.get(`/admin/orders/${order.id}/loyalty-points`, admin)
          expect(view.data.loyalty_points.entries.map((e: OrderLoyaltyEntry) => e.type)).toEqual(["earn_pending"])
        })
      } finally {
        record.missing.splice(record.missing.findIndex((entry) => entry.reason === reason), 1)
      }
      expect((await apply(await createCart(api, store, { token: shopper.token, lines: [{ product: "plain" }] }), shopper.token, 100)).status).toBe(200)
    })

    it("should release the hold at once when the points code is taken off through Medusa's own promotion routes, and label it", async () => {
      const shopper = await shopperWith("starter@example.com", 3000)
      const headers = storeHeaders(store, shopper.token)
      const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 2 }] })
      const codeOf = async () =>
        (await api.get(`/store/carts/${cartId}?fields=*promotions`, headers)).data.cart.promotions.map((p: HttpTypes.StoreCartPromotion) => p.code)
      const cartState = async () => (await api.get(`/store/carts/${cartId}/loyalty-points`, headers)).data.loyalty_points

      await apply(cartId, shopper.token, 1000)
      const [code] = await codeOf()
      expect(await cartState()).toMatchObject({ applied: true, label: "Loyalty points", code, applied_points: 1000 })
      const [promotion] = await getContainer().resolve(Modules.PROMOTION).listPromotions({ code: [code] }, { select: ["metadata"] })
      expect(promotion.metadata).toMatchObject({ label: "Loyalty points" })

      // DELETE /store/carts/:id/promotions, as a storefront's discount list removes a code.
      const removed = await api.delete(`/store/carts/${cartId}/promotions`, { ...headers, data: { promo_codes: [code] } })
      expect(removed.status).toBe(200)
      expect(await loyalty().retrieveAccountBalance(shopper.account_id)).toMatchObject({ held: 0, available: 3000 })
      expect(await codeOf()).toEqual([])
      expect(await cartState()).toMatchObject({ applied: false, applied_points: 0, discount_amount: 0, code: null })

      // The Next.js starter's way: POST /store/carts/:id with the codes left.
      await apply(cartId, shopper.token, 2000)
      expect(await loyalty().retrieveAccountBalance(shopper.account_id)).toMatchObject({ held: 2000 })
      await api.post(`/store/carts/${cartId}`, { promo_codes: [] }, headers)
      expect(await loyalty().retrieveAccountBalance(shopper.account_id)).toMatchObject({ held: 0, available: 3000 })
      expect(await codeOf()).toEqual([])
      expect((await cartState()).applied).toBe(false)

      // Applying again still works, and the order spends exactly that.
      await apply(cartId, shopper.token, 500)
      const order = await completeCart(api, store, cartId, shopper.token)
      expect(order.discount_subtotal).toBe(5)
      expect(await loyalty().retrieveAccountBalance(shopper.account_id)).toMatchObject({ balance: 2500, held: 0 })
    })
  },
})
