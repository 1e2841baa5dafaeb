import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../src/types"
import { resolveOtpContact } from "../../src/workflows/redemption/utils/otp-contact"
import { scrubOtpNotifications } from "../../src/workflows/redemption/utils/scrub-otp-notifications"
import { outcome } from "../helpers/async"
import { createAdminUser } from "../helpers/create-admin-user"
import { CheckoutStore, createCart, createCheckoutStore, registerShopper, storeHeaders } from "../helpers/checkout"

jest.setTimeout(180_000)

// The runner reads medusa-config.ts before it applies its `env`, so the variable that
// turns one-time codes on is set here, and removed after this file.
process.env.LOYALTY_POINTS_OTP_THRESHOLD = "1000"
afterAll(() => {
  delete process.env.LOYALTY_POINTS_OTP_THRESHOLD
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: CheckoutStore

    beforeAll(async () => {
      store = await createCheckoutStore(getContainer())
    })

    beforeEach(async () => {
      const admin = await createAdminUser(getContainer())
      await api.post("/admin/loyalty-points/program", { redemption_values: { usd: 0.01 } }, admin)
    })

    afterEach(async () => {
      expect((await loyalty().reconcile()).variances).toEqual([])
    })

    const loyalty = () => getContainer().resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const setup = async (email: string) => {
      const shopper = await registerShopper(api, store, email)
      const account = await loyalty().retrieveOrCreateAccount(shopper.customer_id)
      await loyalty().creditPoints({ account_id: account.id, points: 5000, type: "import", idempotency_key: `seed:${email}` })
      const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 2 }] })
      const apply = (body: Record<string, unknown>) =>
        outcome(api.post(`/store/carts/${cartId}/loyalty-points`, body, storeHeaders(store, shopper.token)))
      return { shopper, account, cartId, apply }
    }
    /** The code, read back from the notification the local provider recorded. */
    const sentCode = async (email: string) => {
      const notifications = await getContainer()
        .resolve(Modules.NOTIFICATION)
        .listNotifications({ to: email, template: "loyalty-points-otp" }, { order: { created_at: "DESC" } })
      return notifications[0]?.data?.code as string
    }
    const unchanged = async (accountId: string, cartId: string, token: string) => {
      expect(await loyalty().retrieveAccountBalance(accountId)).toMatchObject({ balance: 5000, held: 0 })
      const { data } = await api.get(`/store/carts/${cartId}?fields=*promotions`, storeHeaders(store, token))
      expect(data.cart.promotions).toEqual([])
    }

    describe("one-time codes for large redemptions", () => {
      it("should pass below the threshold, ask for a code above it, and apply with the right code", async () => {
        const { shopper, account, cartId, apply } = await setup("otp@example.com")
        expect((await apply({ points: 1000 })).status).toBe(200)
        await api.delete(`/store/carts/${cartId}/loyalty-points`, storeHeaders(store, shopper.token))

        const asked = await apply({ points: 3000 })
        expect(asked.status).toBe(403)
        expect(asked.data).toMatchObject({ type: "otp_required", code: "otp_required", message: expect.stringMatching(/one was sent by email/) })
        await unchanged(account.id, cartId, shopper.token)
        const code = await sentCode("otp@example.com")
        expect(code).toMatch(/^\d{6}$/)
        const stored = await getContainer()
          .resolve(ContainerRegistrationKeys.PG_CONNECTION)
          .raw(`SELECT code_hash FROM loyalty_points_otp WHERE cart_id = ?`, [cartId])
        expect(stored.rows[0].code_hash).not.toContain(code)

        const applied = await apply({ points: 3000, otp: code })
        expect(applied.status).toBe(200)
        expect(applied.data.loyalty_points).toMatchObject({ applied_points: 3000, discount_amount: 30 })
        const reused = await apply({ points: 3000, otp: code })
        expect(reused.status).toBe(400)
      })

      it("should refuse a wrong code, then lock out after 5 attempts", async () => {
        const { shopper, account, cartId, apply } = await setup("wrong@example.com")
        await apply({ points: 2000 })
        const code = await sentCode("wrong@example.com")
        const wrong = code === "000000" ? "111111" : "000000"
        const first = await apply({ points: 2000, otp: wrong })
        expect(first).toMatchObject({ status: 400, data: { message: "Wrong one-time code: 4 attempts left" } })
        for (let i = 0; i < 4; i++) {
          await apply({ points: 2000, otp: wrong })
        }
        const locked = await apply({ points: 2000, otp: code })
        expect(locked).toMatchObject({ status: 400, data: { message: expect.stringMatching(/Too many wrong attempts/) } })
        await unchanged(account.id, cartId, shopper.token)
      })

      it("should refuse an expired code and a code issued for other points", async () => {
        const { shopper, account, cartId, apply } = await setup("expired-otp@example.com")
        await apply({ points: 2000 })
        const code = await sentCode("expired-otp@example.com")
        expect((await apply({ points: 2500, otp: code })).data.message).toBe(
          "The one-time code was issued for 2000 points, not 2500"
        )
        await getContainer()
          .resolve(ContainerRegistrationKeys.PG_CONNECTION)
          .raw(`UPDATE loyalty_points_otp SET expires_at = now() - interval '1 second' WHERE cart_id = ?`, [cartId])
        expect((await apply({ points: 2000, otp: code })).data.message).toMatch(/has expired/)
        await unchanged(account.id, cartId, shopper.token)
      })
    })

    describe("one-time codes: who gets them, how often, and what counts", () => {
      const voucher = (token: string, body: Record<string, unknown>) =>
        outcome(api.post("/store/customers/me/loyalty-points/vouchers", body, storeHeaders(store, token)))
      const otpNotifications = async () =>
        await getContainer()
          .resolve(Modules.NOTIFICATION)
          .listNotifications({ template: "loyalty-points-otp" }, { order: { created_at: "ASC" } })

      it("should send at most 5 codes per account per hour, then answer 429", async () => {
        const { account, cartId, shopper, apply } = await setup("ratelimit@example.com")
        for (let i = 0; i < 5; i++) {
          expect(await apply({ points: 2000 })).toMatchObject({ status: 403, data: { code: "otp_required" } })
        }
        const limited = await apply({ points: 2000 })
        expect(limited).toMatchObject({ status: 429, data: { code: "otp_rate_limited", message: expect.stringMatching(/5 one-time codes/) } })
        // Vouchers share the account's limit.
        expect(await voucher(shopper.token, { points: 2000, currency_code: "usd" })).toMatchObject({ status: 429 })
        expect(await otpNotifications()).toHaveLength(5)
        await unchanged(account.id, cartId, shopper.token)
      })

      it("should count what the account redeemed in the last 24 hours across vouchers and carts toward the threshold", async () => {
        const { shopper, apply, cartId } = await setup("split@example.com")
        // 800 as a voucher, under the threshold of 1000: no code.
        expect((await voucher(shopper.token, { points: 800, currency_code: "usd" })).status).toBe(200)
        // 300 more on a cart: 1,100 within 24 hours needs a code.
        const asked = await apply({ points: 300 })
        expect(asked).toMatchObject({ status: 403, data: { code: "otp_required" } })
        const code = await sentCode("split@example.com")
        expect((await apply({ points: 300, otp: code })).status).toBe(200)

        // Points held on another cart count too.
        const other = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 1 }] })
        const onOther = await outcome(api.post(`/store/carts/${other}/loyalty-points`, { points: 100 }, storeHeaders(store, shopper.token)))
        expect(onOther).toMatchObject({ status: 403, data: { code: "otp_required" } })
        expect(cartId).toBeTruthy()
      })

      it("should ask a code for a voucher above the threshold and make it with the code", async () => {
        const { shopper, account } = await setup("voucher-otp@example.com")
        const asked = await voucher(shopper.token, { points: 1500, currency_code: "usd" })
        expect(asked).toMatchObject({ status: 403, data: { code: "otp_required" } })
        expect(await loyalty().retrieveAccountBalance(account.id)).toMatchObject({ balance: 5000 })
        const code = await sentCode("voucher-otp@example.com")
        const wrong = await voucher(shopper.token, { points: 1500, currency_code: "usd", otp: code === "000000" ? "111111" : "000000" })
        expect(wrong.status).toBe(400)
        const made = await voucher(shopper.token, { points: 1500, currency_code: "usd", otp: code })
        expect(made).toMatchObject({ status: 200, data: { voucher: { points: 1500, amount: 15 } } })
        expect(await loyalty().retrieveAccountBalance(account.id)).toMatchObject({ balance: 3500 })
      })

      it("should send codes by SMS only to a phone unchanged for 24 hours, else to the login email", async () => {
        const { shopper, account } = await setup("phone@example.com")
        await api.post("/store/customers/me", { phone: "+15550100" }, storeHeaders(store, shopper.token))
        const contact = () =>
          resolveOtpContact(getContainer(), loyalty(), { account_id: account.id, customer_id: shopper.customer_id, channel: "sms" })
        // A number the plugin sees for the first time may have been set a minute ago.
        expect(await contact()).toEqual({ to: "phone@example.com", channel: "email" })
        const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const backdate = () =>
          pg.raw(
            `UPDATE loyalty_points_account SET metadata = jsonb_set(metadata, '{otp_phone,seen_at}', to_jsonb(?::text)) WHERE id = ?`,
            [new Date(Date.now() - 25 * 60 * 60 * 1000).toISOString(), account.id]
          )
        await backdate()
        expect(await contact()).toEqual({ to: "+15550100", channel: "sms" })
        // The token holder changes the number: codes go to the login email for 24 hours.
        await api.post("/store/customers/me", { phone: "+15550199" }, storeHeaders(store, shopper.token))
        expect(await contact()).toEqual({ to: "phone@example.com", channel: "email" })
        // The customer record's email is not where codes go: the login (emailpass) identity is.
        await getContainer().resolve(Modules.CUSTOMER).updateCustomers(shopper.customer_id, { email: "changed@example.com" })
        expect(await contact()).toEqual({ to: "phone@example.com", channel: "email" })
      })

      it("should leave no usable code readable in stored notifications once it was used, replaced or expired", async () => {
        const { apply } = await setup("scrub@example.com")
        await apply({ points: 2000 })
        const first = await sentCode("scrub@example.com")
        await apply({ points: 2000 })
        const second = await sentCode("scrub@example.com")
        // The replaced code is gone from its notification; the live one is there for the shopper.
        let stored = await otpNotifications()
        expect(stored.map((n) => n.data!.code)).toEqual([null, second])
        expect(first).toMatch(/^\d{6}$/)
        expect((await apply({ points: 2000, otp: second })).status).toBe(200)
        stored = await otpNotifications()
        expect(stored.map((n) => n.data!.code)).toEqual([null, null])

        // An expired code leaves with the next scrub (a job runs it every 5 minutes).
        const again = await setup("scrub-expired@example.com")
        await again.apply({ points: 2000 })
        await getContainer()
          .resolve(ContainerRegistrationKeys.PG_CONNECTION)
          .raw(`UPDATE loyalty_points_otp SET expires_at = now() - interval '1 second' WHERE cart_id = ?`, [again.cartId])
        expect(await scrubOtpNotifications(getContainer())).toBe(1)
        expect((await otpNotifications()).map((n) => n.data!.code)).toEqual([null, null, null])
      })
    })
  },
})
