import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../src/types"
import { voucherCodeFor } from "../../src/workflows/redemption/utils/loyalty-promotion"
import { healVoucherDebits } from "../../src/workflows/vouchers/utils/heal-voucher-debits"
import { outcome } from "../helpers/async"
import { createAdminUser } from "../helpers/create-admin-user"
import { CheckoutStore, createCart, createCheckoutStore, registerShopper, storeHeaders } from "../helpers/checkout"

jest.setTimeout(240_000)

const DAY = 24 * 60 * 60 * 1000

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: CheckoutStore
    let admin: Awaited<ReturnType<typeof createAdminUser>>

    beforeAll(async () => {
      store = await createCheckoutStore(getContainer())
    })

    beforeEach(async () => {
      admin = await createAdminUser(getContainer())
      await api.post("/admin/loyalty-points/program", { redemption_values: { usd: 0.01 } }, admin)
    })

    afterEach(async () => {
      expect((await loyalty().reconcile()).variances).toEqual([])
    })

    const loyalty = () => getContainer().resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const promotions = () => getContainer().resolve(Modules.PROMOTION)

    const shopperWith = async (email: string, points: number) => {
      const shopper = await registerShopper(api, store, email)
      const account = await loyalty().retrieveOrCreateAccount(shopper.customer_id)
      if (points) {
        await loyalty().creditPoints({ account_id: account.id, points, type: "import", idempotency_key: `seed:${email}` })
      }
      return { ...shopper, account_id: account.id }
    }
    const issue = (token: string, body: Record<string, unknown>, key?: string) =>
      outcome(
        api.post("/store/customers/me/loyalty-points/vouchers", body, {
          headers: { ...storeHeaders(store, token).headers, ...(key ? { "Idempotency-Key": key } : {}) },
        })
      )
    const listVouchers = async (token: string) =>
      (await api.get("/store/customers/me/loyalty-points/vouchers", storeHeaders(store, token))).data.vouchers
    const balanceOf = (accountId: string) => loyalty().retrieveAccountBalance(accountId)
    const voucherPromotions = async () =>
      (await promotions().listPromotions({}, { select: ["id", "code", "status"] })).filter((p) => p.code?.startsWith("LPV-"))
    const useCode = async (cartId: string, token: string, code: string) => {
      await outcome(api.post(`/store/carts/${cartId}/promotions`, { promo_codes: [code] }, storeHeaders(store, token)))
      const { data } = await api.get(`/store/carts/${cartId}?fields=*promotions,discount_subtotal,item_subtotal,total`, storeHeaders(store, token))
      return data.cart as { promotions: { code: string }[]; discount_subtotal: number }
    }

    describe("POST /store/customers/me/loyalty-points/vouchers", () => {
      it("should make a code worth the points rounded down to the cent, expiring after 90 days, usable only by its customer", async () => {
        await api.post("/admin/loyalty-points/program", { redemption_values: { usd: 0.015 } }, admin)
        const shopper = await shopperWith("voucher@example.com", 1000)
        const { status, data } = await issue(shopper.token, { points: 333, currency_code: "usd" })
        expect(status).toBe(200)
        // 333 x 0.015 = 4.995: a voucher is never worth more than its points.
        expect(data.voucher).toMatchObject({ code: expect.stringMatching(/^LPV-[A-Z2-9]{20}$/), points: 333, amount: 4.99, currency_code: "usd", used: false })
        const days = (new Date(data.voucher.expires_at).getTime() - Date.now()) / DAY
        expect(days).toBeGreaterThan(89.9)
        expect(days).toBeLessThan(90.1)
        expect(await balanceOf(shopper.account_id)).toMatchObject({ balance: 667, available: 667 })
        expect(await listVouchers(shopper.token)).toEqual([expect.objectContaining({ code: data.voucher.code, amount: 4.99, used: false })])

        // Its own customer's cart takes it; another shopper's does not.
        const other = await shopperWith("other@example.com", 0)
        const otherCart = await createCart(api, store, { token: other.token, lines: [{ product: "plain", quantity: 1 }] })
        const refused = await useCode(otherCart, other.token, data.voucher.code)
        expect(refused.promotions.map((p) => p.code)).not.toContain(data.voucher.code)
        expect(refused.discount_subtotal).toBe(0)
        const ownCart = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 1 }] })
        const applied = await useCode(ownCart, shopper.token, data.voucher.code)
        expect(applied.promotions.map((p) => p.code)).toContain(data.voucher.code)
        expect(applied.discount_subtotal).toBe(4.99)
      })

      it("should expire after the programme's days: an expired code no longer applies", async () => {
        await api.post("/admin/loyalty-points/program", { vouchers: { expiry_days: 30 } }, admin)
        const shopper = await shopperWith("expiring@example.com", 1000)
        const { data } = await issue(shopper.token, { points: 500, currency_code: "usd" })
        const days = (new Date(data.voucher.expires_at).getTime() - Date.now()) / DAY
        expect(days).toBeGreaterThan(29.9)
        expect(days).toBeLessThan(30.1)
        // Time passes: the voucher's campaign ends.
        const [promotion] = await promotions().listPromotions({ code: [data.voucher.code] }, { select: ["id", "campaign_id"] })
        const campaign = await promotions().retrieveCampaign(promotion.campaign_id!)
        expect(new Date(campaign.ends_at!).toISOString()).toBe(data.voucher.expires_at)
        await promotions().updateCampaigns({ id: campaign.id, starts_at: new Date(Date.now() - 31 * DAY), ends_at: new Date(Date.now() - 1000) })
        const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 1 }] })
        const cart = await useCode(cartId, shopper.token, data.voucher.code)
        expect(cart.promotions.map((p) => p.code)).not.toContain(data.voucher.code)
        expect(cart.discount_subtotal).toBe(0)
      })

      it("should obey min_points, step and the daily voucher cap, and change nothing when refused", async () => {
        await api.post(
          "/admin/loyalty-points/program",
          { redemption: { min_points: 100, step: 50 }, vouchers: { max_points_per_day: 500 } },
          admin
        )
        const shopper = await shopperWith("capped@example.com", 5000)
        expect(await issue(shopper.token, { points: 50, currency_code: "usd" })).toMatchObject({
          status: 400,
          data: { message: "points must be at least 100 (minimum points per redemption)" },
        })
        expect(await issue(shopper.token, { points: 125, currency_code: "usd" })).toMatchObject({
          status: 400,
          data: { message: "points must be a multiple of 50 (redemption step)" },
        })
        expect((await issue(shopper.token, { points: 300, currency_code: "usd" })).status).toBe(200)
        expect(await issue(shopper.token, { points: 300, currency_code: "usd" })).toMatchObject({
          status: 400,
          data: { message: "Vouchers are limited to 500 points per 24 hours: 200 left, 300 requested" },
        })
        expect((await issue(shopper.token, { points: 200, currency_code: "usd" })).status).toBe(200)
        expect((await issue(shopper.token, { points: 100, currency_code: "usd" })).status).toBe(400)
        expect(await balanceOf(shopper.account_id)).toMatchObject({ balance: 4500 })
        expect(await listVouchers(shopper.token)).toHaveLength(2)
        // Refused without enough points: 409 with its message.
        await api.post("/admin/loyalty-points/program", { vouchers: { max_points_per_day: null } }, admin)
        expect(await issue(shopper.token, { points: 9000, currency_code: "usd" })).toMatchObject({
          status: 409,
          data: { type: "conflict", message: "Not enough points: 4500 available, 9000 requested" },
        })
      })

      it("should make one voucher and one debit for 20 parallel requests with one Idempotency-Key", async () => {
        const shopper = await shopperWith("parallel@example.com", 1000)
        const answers = await Promise.all(
          Array.from({ length: 20 }, () => issue(shopper.token, { points: 600, currency_code: "usd" }, "same-key"))
        )
        const ok = answers.filter((answer) => answer.status === 200)
        const others = answers.filter((answer) => answer.status !== 200)
        expect(ok.length).toBeGreaterThanOrEqual(1)
        expect(new Set(ok.map((answer) => answer.data.voucher.code)).size).toBe(1)
        for (const answer of others) {
          expect(answer).toMatchObject({ status: 409, data: { code: "voucher_request_incomplete" } })
        }
        const code = ok[0].data.voucher.code
        expect(code).toBe(voucherCodeFor(shopper.account_id, `voucher:store:${shopper.customer_id}:same-key`))
        const entries = await loyalty().listLoyaltyEntries({ account_id: shopper.account_id, type: "redeem" })
        expect(entries).toHaveLength(1)
        expect(await loyalty().listLoyaltyEntries({ account_id: shopper.account_id, type: "redeem_reversal" })).toHaveLength(0)
        expect((await voucherPromotions()).map((p) => [p.code, p.status])).toEqual([[code, "active"]])
        expect(await balanceOf(shopper.account_id)).toMatchObject({ balance: 400 })
        // Once complete, a replay answers the same voucher.
        const again = await issue(shopper.token, { points: 600, currency_code: "usd" }, "same-key")
        expect(again).toMatchObject({ status: 200, data: { voucher: { code, points: 600, amount: 6 } } })
        // The same key for other points is refused.
        expect((await issue(shopper.token, { points: 100, currency_code: "usd" }, "same-key")).status).toBe(409)
      })

      it("should give the points back and leave no code when the voucher fails after its debit, and answer 409 to a replay", async () => {
        const shopper = await shopperWith("collision@example.com", 1000)
        // A merchant's promotion already holds the code this request's voucher would get.
        const code = voucherCodeFor(shopper.account_id, `voucher:store:${shopper.customer_id}:doomed`)
        await promotions().createPromotions([
          {
            code,
            type: "standard",
            status: "active",
            application_method: { type: "fixed", target_type: "order", allocation: "across", value: 1, currency_code: "usd" },
          },
        ])
        const failed = await issue(shopper.token, { points: 600, currency_code: "usd" }, "doomed")
        expect(failed.status).toBeGreaterThanOrEqual(400)
        expect(await balanceOf(shopper.account_id)).toMatchObject({ balance: 1000, available: 1000 })
        const entries = await loyalty().listLoyaltyEntries({ account_id: shopper.account_id }, { order: { created_at: "ASC" } })
        expect(entries.map((entry) => [entry.type, entry.points, entry.reason])).toEqual([
          ["import", 1000, null],
          ["redeem", -600, "voucher"],
          ["redeem_reversal", 600, "voucher_failed"],
        ])
        // The code is the merchant's promotion only, not a voucher of ours.
        const holders = await promotions().listPromotions({ code: [code] }, { select: ["id", "metadata"] })
        expect(holders).toHaveLength(1)
        expect(holders[0].metadata).toBeFalsy()
        expect(await listVouchers(shopper.token)).toEqual([])

        const replay = await issue(shopper.token, { points: 600, currency_code: "usd" }, "doomed")
        expect(replay).toMatchObject({
          status: 409,
          data: { code: "voucher_request_incomplete", message: expect.stringMatching(/given back/) },
        })
        expect(await balanceOf(shopper.account_id)).toMatchObject({ balance: 1000 })
        // A new key works.
        expect((await issue(shopper.token, { points: 600, currency_code: "usd" }, "fresh")).status).toBe(200)
        expect(await balanceOf(shopper.account_id)).toMatchObject({ balance: 400 })
      })
    })

    describe("recovery of voucher requests", () => {
      it("should give back the points of a request that crashed between its debit and its code, and only those", async () => {
        const shopper = await shopperWith("crashed@example.com", 1000)
        // A complete voucher, and the state a request leaves when its process dies after the debit.
        const { data } = await issue(shopper.token, { points: 100, currency_code: "usd" }, "fine")
        const key = `voucher:store:${shopper.customer_id}:crashed`
        const crashed = await loyalty().reserveVoucher({
          account_id: shopper.account_id,
          customer_id: shopper.customer_id,
          points: 400,
          code: voucherCodeFor(shopper.account_id, key),
          amount: 4,
          currency_code: "usd",
          expires_at: new Date(Date.now() + 90 * DAY).toISOString(),
          idempotency_key: key,
          actor_type: "customer",
          actor_id: shopper.customer_id,
        })
        expect(await balanceOf(shopper.account_id)).toMatchObject({ balance: 500 })
        // A request may still be running: nothing is given back within the grace period.
        expect(await healVoucherDebits(getContainer())).toEqual([])
        await getContainer()
          .resolve(ContainerRegistrationKeys.PG_CONNECTION)
          .raw(`UPDATE loyalty_points_entry SET created_at = now() - interval '20 minutes' WHERE type = 'redeem'`)
        expect(await healVoucherDebits(getContainer())).toEqual([crashed.entry.id])
        expect(await healVoucherDebits(getContainer())).toEqual([])
        expect(await balanceOf(shopper.account_id)).toMatchObject({ balance: 900 })
        expect(await listVouchers(shopper.token)).toEqual([expect.objectContaining({ code: data.voucher.code })])
        // The crashed request's repeat learns its points came back.
        expect(await issue(shopper.token, { points: 400, currency_code: "usd" }, "crashed")).toMatchObject({
          status: 409,
          data: { code: "voucher_request_incomplete", message: expect.stringMatching(/given back/) },
        })
      })
    })

    describe("a voucher and a points discount on one cart", () => {
      it("should keep them together within max_share", async () => {
        await api.post("/admin/loyalty-points/program", { redemption: { max_share: 0.5 } }, admin)
        const shopper = await shopperWith("both@example.com", 10000)
        const { data } = await issue(shopper.token, { points: 3000, currency_code: "usd" })
        const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 2 }] })
        expect((await useCode(cartId, shopper.token, data.voucher.code)).discount_subtotal).toBe(30)
        const apply = (points: number) =>
          outcome(api.post(`/store/carts/${cartId}/loyalty-points`, { points }, storeHeaders(store, shopper.token)))
        // Half of the items' 100 may be paid with points: the voucher's 30 leaves 20.
        const state = await api.get(`/store/carts/${cartId}/loyalty-points`, storeHeaders(store, shopper.token))
        expect(state.data.loyalty_points.max_redeemable_points).toBe(2000)
        expect(await apply(2500)).toMatchObject({
          status: 400,
          data: { message: "points may pay at most 50% of the cart's items, vouchers included: at most 2000 points (maximum share)" },
        })
        expect((await apply(2000)).status).toBe(200)
        const { data: cart } = await api.get(`/store/carts/${cartId}?fields=discount_subtotal,total`, storeHeaders(store, shopper.token))
        expect(cart.cart.discount_subtotal).toBe(50)
      })
    })

    describe("POST /admin/customers/:id/loyalty-points/vouchers", () => {
      it("should issue a voucher for the customer under the same rules, the admin as the actor", async () => {
        const shopper = await shopperWith("admin-voucher@example.com", 1000)
        const { data } = await api.post(
          `/admin/customers/${shopper.customer_id}/loyalty-points/vouchers`,
          { points: 250, currency_code: "usd" },
          { headers: { ...admin.headers, "Idempotency-Key": "a1" } }
        )
        expect(data.voucher).toMatchObject({ points: 250, amount: 2.5, used: false })
        const [entry] = await loyalty().listLoyaltyEntries({ account_id: shopper.account_id, type: "redeem" })
        expect(entry).toMatchObject({ actor_type: "user", actor_id: admin.user_id, reference_id: data.voucher.code })
        expect(await listVouchers(shopper.token)).toEqual([expect.objectContaining({ code: data.voucher.code })])
      })
    })
  },
})
