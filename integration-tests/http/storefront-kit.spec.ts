import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import Medusa from "@medusajs/js-sdk"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../src/types"
// The kit's functions as a storefront imports them (the .tsx components are driven in the browser test).
import {
  applyLoyaltyPoints,
  createLoyaltyVoucher,
  isLoyaltyPointsCode,
  listLoyaltyEntries,
  listLoyaltyVouchers,
  removeLoyaltyPoints,
  retrieveCartEarnablePoints,
  retrieveCartLoyaltyPoints,
  retrieveLoyaltyAccount,
} from "../../src/storefront/client"
import { LoyaltyPointsError } from "../../src/storefront/errors"
import { createAdminUser } from "../helpers/create-admin-user"
import { CheckoutStore, createCart, createCheckoutStore, registerShopper } from "../helpers/checkout"
import type { HttpError } from "../helpers/http"

jest.setTimeout(180_000)

// One-time codes on above 1000 points, so the client's otp_required shape is tested too
// (medusa-config.ts reads this before the runner boots the app).
process.env.LOYALTY_POINTS_OTP_THRESHOLD = "1000"
afterAll(() => {
  delete process.env.LOYALTY_POINTS_OTP_THRESHOLD
})

/** Runs a kit call that must fail; returns the LoyaltyPointsError it threw. */
async function failure(promise: Promise<unknown>): Promise<LoyaltyPointsError> {
  const error = await promise.then(
    () => null,
    (e) => e
  )
  expect(error).toBeInstanceOf(LoyaltyPointsError)
  return error as LoyaltyPointsError
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: CheckoutStore
    const loyalty = () => getContainer().resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)

    beforeAll(async () => {
      store = await createCheckoutStore(getContainer())
    })

    beforeEach(async () => {
      const admin = await createAdminUser(getContainer())
      await api.post("/admin/loyalty-points/program", { earn_rates: { usd: 1 }, redemption_values: { usd: 0.01 } }, admin)
    })

    afterEach(async () => {
      expect((await loyalty().reconcile()).variances).toEqual([])
    })

    /** The JS SDK as a storefront makes it, signed in as the shopper when a login is given. */
    const sdkFor = async (login?: { email: string; password: string }) => {
      const sdk = new Medusa({
        baseUrl: api.defaults.baseURL,
        publishableKey: store.publishableKey,
        auth: { type: "jwt", jwtTokenStorageMethod: "memory" },
        logger: { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} },
      })
      if (login) {
        await sdk.auth.login("customer", "emailpass", login)
      }
      return sdk
    }
    /** A registered shopper with `points` spendable points, an SDK signed in as them, and a cart of 2 x 50 usd. */
    const shopper = async (email: string, points: number) => {
      const registered = await registerShopper(api, store, email)
      const account = await loyalty().retrieveOrCreateAccount(registered.customer_id)
      if (points) {
        await loyalty().creditPoints({ account_id: account.id, points, type: "import", idempotency_key: `seed:${email}` })
      }
      const sdk = await sdkFor({ email, password: "supersecret" })
      const cartId = await createCart(api, store, { token: registered.token, lines: [{ product: "plain", quantity: 2 }] })
      return { ...registered, account_id: account.id, sdk, cartId }
    }

    describe("storefront kit: account functions", () => {
      it("should read the account, its paged history and vouchers, and make a voucher", async () => {
        const ada = await shopper("ada@kit.test", 900)
        const { loyalty_account } = await retrieveLoyaltyAccount(ada.sdk, { currency_code: "usd" })
        expect(loyalty_account).toEqual(
          expect.objectContaining({ balance: 900, available: 900, held: 0, pending: 0, redemption_value: 0.01, currency_code: "usd" })
        )
        expect(loyalty_account.expiring).toEqual([expect.objectContaining({ points: 900 })])

        const { voucher } = await createLoyaltyVoucher(ada.sdk, { points: 300, currency_code: "usd" }, { idempotencyKey: "v1" })
        expect(voucher).toEqual(expect.objectContaining({ points: 300, amount: 3, currency_code: "usd" }))
        expect(voucher.code).toMatch(/^LPV-/)
        const again = await createLoyaltyVoucher(ada.sdk, { points: 300, currency_code: "usd" }, { idempotencyKey: "v1" })
        expect(again.voucher.code).toBe(voucher.code)
        const { vouchers } = await listLoyaltyVouchers(ada.sdk)
        expect(vouchers).toEqual([expect.objectContaining({ code: voucher.code, points: 300, used: false })])

        const page1 = await listLoyaltyEntries(ada.sdk, { limit: 1, offset: 0 })
        expect(page1).toEqual(expect.objectContaining({ count: 2, limit: 1, offset: 0 }))
        expect(page1.entries).toEqual([expect.objectContaining({ type: "redeem", points: -300 })])
        const page2 = await listLoyaltyEntries(ada.sdk, { limit: 1, offset: 1 })
        expect(page2.entries).toEqual([expect.objectContaining({ type: "import", points: 900 })])
        expect((await retrieveLoyaltyAccount(ada.sdk)).loyalty_account.balance).toBe(600)
      })

      it("should throw typed errors: unauthorized, invalid, conflict", async () => {
        const grace = await shopper("grace@kit.test", 100)
        const anonymous = await sdkFor()
        // One call at a time: a rejected promise that is not awaited yet fails the test run.
        for (const call of [
          () => retrieveLoyaltyAccount(anonymous),
          () => listLoyaltyEntries(anonymous),
          () => listLoyaltyVouchers(anonymous),
          () => createLoyaltyVoucher(anonymous, { points: 10, currency_code: "usd" }),
        ]) {
          const error = await failure(call())
          expect([error.kind, error.status]).toEqual(["unauthorized", 401])
        }
        const badLimit = await failure(listLoyaltyEntries(grace.sdk, { limit: 0 }))
        expect([badLimit.kind, badLimit.status]).toEqual(["invalid", 400])
        const badCurrency = await failure(retrieveLoyaltyAccount(grace.sdk, { currency_code: "dollars" }))
        expect([badCurrency.kind, badCurrency.status]).toEqual(["invalid", 400])
        const tooMany = await failure(createLoyaltyVoucher(grace.sdk, { points: 500, currency_code: "usd" }))
        expect([tooMany.kind, tooMany.status]).toEqual(["conflict", 409])
        expect(tooMany.message).toMatch(/points/i)
        const noValue = await failure(createLoyaltyVoucher(grace.sdk, { points: 10, currency_code: "gbp" }))
        expect([noValue.kind, noValue.status]).toEqual(["invalid", 400])
        expect((await retrieveLoyaltyAccount(grace.sdk)).loyalty_account.balance).toBe(100)
      })
    })

    describe("storefront kit: cart functions", () => {
      it("should apply points, show the discount, and remove them releasing the hold", async () => {
        const alan = await shopper("alan@kit.test", 800)
        const before = (await retrieveCartLoyaltyPoints(alan.sdk, alan.cartId)).loyalty_points
        expect(before).toEqual(
          expect.objectContaining({
            cart_id: alan.cartId,
            currency_code: "usd",
            available: 800,
            max_redeemable_points: 800,
            applied_points: 0,
            discount_amount: 0,
            earnable_points: 100,
            hold_expires_at: null,
          })
        )
        const applied = (await applyLoyaltyPoints(alan.sdk, alan.cartId, { points: 500 }, { idempotencyKey: "a1" })).loyalty_points
        expect(applied).toEqual(expect.objectContaining({ applied_points: 500, discount_amount: 5, available: 300, earnable_points: 95 }))
        expect(typeof applied.hold_expires_at).toBe("string")
        const { cart } = await alan.sdk.store.cart.retrieve(alan.cartId, {
          fields: "*promotions,discount_subtotal,discount_total,item_subtotal,total,tax_total",
        })
        // Asked for in `fields`, though StoreCart's type leaves it out.
        expect((cart as typeof cart & { discount_subtotal?: number }).discount_subtotal).toBe(5)
        expect(cart.promotions?.map((p) => isLoyaltyPointsCode(p.code))).toEqual([true])

        const removed = (await removeLoyaltyPoints(alan.sdk, alan.cartId)).loyalty_points
        expect(removed).toEqual(expect.objectContaining({ applied_points: 0, discount_amount: 0, available: 800, hold_expires_at: null }))
        expect((await retrieveLoyaltyAccount(alan.sdk)).loyalty_account).toEqual(expect.objectContaining({ held: 0, available: 800, balance: 800 }))
      })

      it("should throw typed errors: not_found, invalid, conflict, otp_required", async () => {
        const ada = await shopper("ada2@kit.test", 5000)
        const bob = await shopper("bob@kit.test", 0)
        const notYours = await failure(retrieveCartLoyaltyPoints(bob.sdk, ada.cartId))
        expect([notYours.kind, notYours.status]).toEqual(["not_found", 404])
        const applyNotYours = await failure(applyLoyaltyPoints(bob.sdk, ada.cartId, { points: 1 }))
        expect([applyNotYours.kind, applyNotYours.status]).toEqual(["not_found", 404])
        const missing = await failure(removeLoyaltyPoints(ada.sdk, "cart_missing"))
        expect([missing.kind, missing.status]).toEqual(["not_found", 404])
        const anonymous = await failure(retrieveCartLoyaltyPoints(await sdkFor(), ada.cartId))
        expect([anonymous.kind, anonymous.status]).toEqual(["unauthorized", 401])

        const negative = await failure(applyLoyaltyPoints(ada.sdk, ada.cartId, { points: -5 }))
        expect([negative.kind, negative.status]).toEqual(["invalid", 400])
        expect(negative.message).toContain("points")
        const bobCart = await failure(applyLoyaltyPoints(bob.sdk, bob.cartId, { points: 10 }))
        expect([bobCart.kind, bobCart.status]).toEqual(["conflict", 409])

        // More than the threshold needs the one-time code.
        const otp = await failure(applyLoyaltyPoints(ada.sdk, ada.cartId, { points: 2000 }))
        expect([otp.kind, otp.status]).toEqual(["otp_required", 403])
        expect(otp.message).toMatch(/one-time code/)
        const wrong = await failure(applyLoyaltyPoints(ada.sdk, ada.cartId, { points: 2000, otp: "000000" }))
        expect(wrong.kind).toBe("invalid")
        expect((await retrieveCartLoyaltyPoints(ada.sdk, ada.cartId)).loyalty_points.applied_points).toBe(0)
        expect((await retrieveLoyaltyAccount(ada.sdk)).loyalty_account).toEqual(expect.objectContaining({ held: 0, balance: 5000 }))
      })
    })

    describe("GET /store/carts/:id/loyalty-points/earnable", () => {
      it("should answer a guest what the cart would earn, holding nothing and creating no account", async () => {
        const guest = await sdkFor()
        const guestCart = await createCart(api, store, { email: "guest@kit.test", lines: [{ product: "plain", quantity: 3 }] })
        expect((await retrieveCartEarnablePoints(guest, guestCart)).loyalty_points).toEqual({
          cart_id: guestCart,
          currency_code: "usd",
          earnable_points: 150,
          reason: null,
        })

        // A registered customer's cart, read by anyone holding its id: base points only, nothing created.
        const registered = await registerShopper(api, store, "nobody-yet@kit.test")
        const cartId = await createCart(api, store, { token: registered.token, lines: [{ product: "plain", quantity: 1 }] })
        const accountsBefore = await loyalty().listLoyaltyAccounts({ customer_id: registered.customer_id })
        const first = await retrieveCartEarnablePoints(guest, cartId)
        const second = await retrieveCartEarnablePoints(guest, cartId)
        expect(first).toEqual(second)
        expect(first.loyalty_points.earnable_points).toBe(50)
        expect(await loyalty().listLoyaltyAccounts({ customer_id: registered.customer_id })).toHaveLength(accountsBefore.length)
        expect(await loyalty().listLoyaltyHolds({})).toHaveLength(0)

        const gbpCart = await createCart(api, store, { email: "guest@kit.test", currency: "gbp", lines: [{ product: "plain" }] })
        expect((await retrieveCartEarnablePoints(guest, gbpCart)).loyalty_points).toEqual(
          expect.objectContaining({ earnable_points: 0, reason: "no_earn_rate", currency_code: "gbp" })
        )
      })

      it("should answer 404 for a cart that does not exist, and require the publishable key", async () => {
        const missing = await failure(retrieveCartEarnablePoints(await sdkFor(), "cart_does_not_exist"))
        expect([missing.kind, missing.status]).toEqual(["not_found", 404])
        const noKey = await api.get(`/store/carts/cart_x/loyalty-points/earnable`).catch((e: HttpError) => e.response)
        expect(noKey.status).toBe(400)
      })
    })
  },
})
