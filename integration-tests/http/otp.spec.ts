import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../src/types"
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
        expect(asked.data).toMatchObject({ type: "otp_required", message: expect.stringMatching(/one was sent by email/) })
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
  },
})
