import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { Event } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import {
  LOYALTY_POINTS_MODULE,
  LoyaltyPointsEvents,
  type ILoyaltyPointsModuleService,
  type LoyaltyPointsBonusGrantedEventData,
} from "../../src/types"
import {
  grantBirthdayBonusesWorkflow,
  grantSignupBonusWorkflow,
  settleReferralBonusesWorkflow,
} from "../../src/workflows/bonuses"
import { eventually } from "../helpers/async"
import {
  CheckoutStore,
  completeCart,
  createCart,
  createCheckoutStore,
  orderPayments,
  registerShopper,
} from "../helpers/checkout"
import { AdminHeaders, createAdminUser } from "../helpers/create-admin-user"
import type { HttpError, HttpResponse } from "../helpers/http"

jest.setTimeout(180_000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: CheckoutStore
    let admin: AdminHeaders
    const bonusEvents: LoyaltyPointsBonusGrantedEventData[] = []

    const attempt = (request: Promise<HttpResponse>) =>
      request.catch((error: HttpError) => error.response ?? Promise.reject(error))
    const storeCall = (token: string) => ({
      headers: { "x-publishable-api-key": store.publishableKey, authorization: `Bearer ${token}` },
    })
    const setBirthday = (token: string, body: unknown) =>
      attempt(api.post("/store/customers/me/loyalty-points", body, storeCall(token)))
    const birthdayOf = async (customerId: string) =>
      (await loyalty().listLoyaltyAccounts({ customer_id: customerId }))[0]?.birthday ?? null
    const runBirthdays = async (asOf: string, catchUpDays = 0) =>
      (await grantBirthdayBonusesWorkflow(getContainer()).run({ input: { as_of: asOf, catch_up_days: catchUpDays } })).result
    const loyalty = () => getContainer().resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const bonusEntries = async (customerId: string) => {
      const account = await loyalty().retrieveOrCreateAccount(customerId)
      return await loyalty().listLoyaltyEntries({ account_id: account.id, type: "bonus" }, { order: { id: "ASC" } })
    }

    beforeAll(async () => {
      store = await createCheckoutStore(getContainer())
      getContainer()
        .resolve(Modules.EVENT_BUS)
        .subscribe(LoyaltyPointsEvents.BONUS_GRANTED, async (event: Event) => {
          // The bus hands a subscriber untyped data; this event's payload is declared in src/types.
          bonusEvents.push((event.data ?? event) as LoyaltyPointsBonusGrantedEventData)
        })
    })

    beforeEach(async () => {
      bonusEvents.length = 0
      admin = await createAdminUser(getContainer())
    })

    afterEach(async () => {
      expect((await loyalty().reconcile()).variances).toEqual([])
    })

    describe("signup bonus (customer.created)", () => {
      it("should grant the signup bonus once to a registered customer, even when handled twice and in parallel", async () => {
        await api.post("/admin/loyalty-points/program", { signup_bonus_points: 150 }, admin)
        const shopper = await registerShopper(api, store, "signup@example.com")

        await eventually(async () => expect((await bonusEntries(shopper.customer_id)).length).toBe(1))
        // The event delivered again, twice at once, and once more after.
        const runs = await Promise.all(
          [1, 2].map(() => grantSignupBonusWorkflow(getContainer()).run({ input: { customer_id: shopper.customer_id } }))
        )
        const again = await grantSignupBonusWorkflow(getContainer()).run({ input: { customer_id: shopper.customer_id } })

        expect([...runs, again].map(({ result }) => result?.replayed)).toEqual([true, true, true])
        const entries = await bonusEntries(shopper.customer_id)
        expect(entries).toHaveLength(1)
        expect(entries[0]).toEqual(
          expect.objectContaining({
            type: "bonus",
            reason: "signup",
            points: 150,
            idempotency_key: `bonus:signup:${shopper.customer_id}`,
            actor_type: "system",
            currency_code: "usd",
          })
        )
        const account = await loyalty().retrieveOrCreateAccount(shopper.customer_id)
        expect({ balance: account.balance, lifetime_earned: account.lifetime_earned }).toEqual({
          balance: 150,
          lifetime_earned: 150,
        })
        const { data } = await api.get("/store/customers/me/loyalty-points", {
          headers: { "x-publishable-api-key": store.publishableKey, authorization: `Bearer ${shopper.token}` },
        })
        expect(data.loyalty_account.balance).toBe(150)
        await eventually(async () =>
          expect(bonusEvents.filter((event) => event.customer_id === shopper.customer_id)).toEqual([
            expect.objectContaining({ reason: "signup", points: 150, id: entries[0].id }),
          ])
        )
      })

      it("should grant the signup bonus once when two first deliveries race", async () => {
        await api.post("/admin/loyalty-points/program", { signup_bonus_points: 0 }, admin)
        const shopper = await registerShopper(api, store, "race@example.com")
        await api.post("/admin/loyalty-points/program", { signup_bonus_points: 70 }, admin)

        const runs = await Promise.all(
          [1, 2, 3].map(() => grantSignupBonusWorkflow(getContainer()).run({ input: { customer_id: shopper.customer_id } }))
        )

        expect(runs.filter(({ result }) => result && !result.replayed)).toHaveLength(1)
        expect((await bonusEntries(shopper.customer_id)).map((entry) => entry.points)).toEqual([70])
        expect((await loyalty().retrieveOrCreateAccount(shopper.customer_id)).balance).toBe(70)
      })

      it("should give guests no signup bonus", async () => {
        await api.post("/admin/loyalty-points/program", { signup_bonus_points: 150 }, admin)
        const customers = getContainer().resolve(Modules.CUSTOMER)
        const guest = await customers.createCustomers({ email: "guest@example.com", has_account: false })

        const { result } = await grantSignupBonusWorkflow(getContainer()).run({ input: { customer_id: guest.id } })

        expect(result).toBeNull()
        expect(await loyalty().listLoyaltyEntries({ reason: "signup" })).toEqual([])
      })

      it("should grant nothing while the signup bonus is 0 (off)", async () => {
        const shopper = await registerShopper(api, store, "nobonus@example.com")
        const { result } = await grantSignupBonusWorkflow(getContainer()).run({ input: { customer_id: shopper.customer_id } })

        expect(result).toBeNull()
        expect(await bonusEntries(shopper.customer_id)).toEqual([])
      })

      it("should refuse a negative or fractional signup bonus and change nothing", async () => {
        const before = (await api.get("/admin/loyalty-points/program", admin)).data.program
        for (const value of [-1, 1.5, "10"]) {
          const response = await api
            .post("/admin/loyalty-points/program", { signup_bonus_points: value }, admin)
            .catch((error: HttpError) => error.response)
          expect(response.status).toBe(400)
          expect(response.data.message).toContain("signup_bonus_points")
        }
        expect((await api.get("/admin/loyalty-points/program", admin)).data.program).toEqual(before)
      })
    })

    describe("POST /store/customers/me/loyalty-points (birthday)", () => {
      it("should set the birthday once and refuse a second, different date with nothing changed", async () => {
        const shopper = await registerShopper(api, store, "birthday@example.com")

        const first = await setBirthday(shopper.token, { birthday: "1990-05-17" })
        expect(first.status).toBe(200)
        expect(first.data.loyalty_account).toEqual(
          expect.objectContaining({ customer_id: shopper.customer_id, birthday: "1990-05-17", balance: 0 })
        )
        // The same date again is a harmless repeat.
        expect((await setBirthday(shopper.token, { birthday: "1990-05-17" })).status).toBe(200)

        const second = await setBirthday(shopper.token, { birthday: "1991-06-18" })
        expect(second.status).toBe(409)
        expect(second.data).toEqual(
          expect.objectContaining({ type: "conflict", message: expect.stringContaining("already set") })
        )
        expect(await birthdayOf(shopper.customer_id)).toBe("1990-05-17")
        const { data } = await api.get("/store/customers/me/loyalty-points", storeCall(shopper.token))
        expect(data.loyalty_account.birthday).toBe("1990-05-17")
      })

      it("should refuse invalid birthdays with a 400 naming the field and change nothing", async () => {
        const shopper = await registerShopper(api, store, "badbirthday@example.com")
        const future = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10)
        for (const body of [
          { birthday: "1990-02-30" },
          { birthday: "17/05/1990" },
          { birthday: "1990-5-17" },
          { birthday: future },
          { birthday: "1899-12-31" },
          { birthday: 19900517 },
          { birthday: null },
          {},
          { birthday: "1990-05-17", customer_id: "cus_other" },
        ]) {
          const response = await setBirthday(shopper.token, body)
          expect({ body, status: response.status, type: response.data?.type }).toEqual({
            body,
            status: 400,
            type: "invalid_data",
          })
        }
        expect((await setBirthday(shopper.token, { birthday: "1990-02-30" })).data.message).toContain("birthday")
        expect(await birthdayOf(shopper.customer_id)).toBeNull()
      })

      it("should answer 401 without a logged-in customer", async () => {
        const response = await attempt(
          api.post(
            "/store/customers/me/loyalty-points",
            { birthday: "1990-05-17" },
            { headers: { "x-publishable-api-key": store.publishableKey } }
          )
        )
        expect(response.status).toBe(401)
      })
    })

    describe("POST /admin/customers/:id/loyalty-points (birthday)", () => {
      it("should let an admin change and clear a birthday the customer set", async () => {
        const shopper = await registerShopper(api, store, "adminbirthday@example.com")
        await setBirthday(shopper.token, { birthday: "1990-05-17" })

        const changed = await attempt(
          api.post(`/admin/customers/${shopper.customer_id}/loyalty-points`, { birthday: "1990-07-01" }, admin)
        )
        expect(changed.status).toBe(200)
        expect(changed.data.loyalty_account).toEqual(
          expect.objectContaining({ customer_id: shopper.customer_id, birthday: "1990-07-01" })
        )
        expect(changed.data.entries).toEqual([])

        const cleared = await attempt(
          api.post(`/admin/customers/${shopper.customer_id}/loyalty-points`, { birthday: null }, admin)
        )
        expect(cleared.data.loyalty_account.birthday).toBeNull()
        // Cleared, the customer may set it again.
        expect((await setBirthday(shopper.token, { birthday: "1990-08-02" })).status).toBe(200)
        expect(await birthdayOf(shopper.customer_id)).toBe("1990-08-02")
      })

      it("should refuse bad input and unknown customers", async () => {
        const shopper = await registerShopper(api, store, "adminbad@example.com")
        for (const body of [{ birthday: "1990-13-01" }, { birthday: "tomorrow" }, { points: 5 }]) {
          const response = await attempt(api.post(`/admin/customers/${shopper.customer_id}/loyalty-points`, body, admin))
          expect(response.status).toBe(400)
        }
        expect(await birthdayOf(shopper.customer_id)).toBeNull()
        const unknown = await attempt(api.post(`/admin/customers/cus_unknown/loyalty-points`, { birthday: "1990-01-01" }, admin))
        expect(unknown.status).toBe(404)
        const anonymous = await attempt(
          api.post(`/admin/customers/${shopper.customer_id}/loyalty-points`, { birthday: "1990-01-01" })
        )
        expect(anonymous.status).toBe(401)
      })
    })

    describe("grantBirthdayBonusesWorkflow (daily run)", () => {
      it("should grant the birthday bonus once per calendar year, however often the run repeats", async () => {
        await api.post("/admin/loyalty-points/program", { birthday_bonus_points: 200 }, admin)
        const ada = await registerShopper(api, store, "ada-birthday@example.com")
        const bob = await registerShopper(api, store, "bob-birthday@example.com")
        await setBirthday(ada.token, { birthday: "1990-05-17" })
        await setBirthday(bob.token, { birthday: "1985-05-18" })

        // Not her birthday yet: nothing.
        expect((await runBirthdays("2026-05-16T09:00:00Z")).granted).toBe(0)

        const runs = await Promise.all([runBirthdays("2026-05-17T03:15:00Z"), runBirthdays("2026-05-17T03:15:00Z")])
        const again = await runBirthdays("2026-05-17T23:00:00Z")
        expect(runs.map((run) => run.granted).sort()).toEqual([0, 1])
        expect(again.granted).toBe(0)

        const entries = await bonusEntries(ada.customer_id)
        expect(entries).toHaveLength(1)
        expect(entries[0]).toEqual(
          expect.objectContaining({
            reason: "birthday",
            points: 200,
            idempotency_key: `bonus:birthday:${ada.customer_id}:2026`,
            reference_type: "birthday",
            reference_id: "2026",
          })
        )
        expect(await bonusEntries(bob.customer_id)).toEqual([])

        // A late run the day after still grants yesterday's birthday (catch-up), once.
        expect((await runBirthdays("2026-05-19T01:00:00Z", 1)).customer_ids).toEqual([bob.customer_id])
        expect((await runBirthdays("2026-05-19T01:00:00Z", 1)).granted).toBe(0)

        // The next year is another bonus.
        expect((await runBirthdays("2027-05-17T03:15:00Z")).customer_ids).toEqual([ada.customer_id])
        expect((await bonusEntries(ada.customer_id)).map((entry) => entry.idempotency_key)).toEqual([
          `bonus:birthday:${ada.customer_id}:2026`,
          `bonus:birthday:${ada.customer_id}:2027`,
        ])
        expect((await loyalty().retrieveOrCreateAccount(ada.customer_id)).balance).toBe(400)
        await eventually(async () =>
          expect(bonusEvents.filter((event) => event.reason === "birthday")).toHaveLength(3)
        )
      })

      it("should grant 29 February birthdays on 28 February of other years", async () => {
        await api.post("/admin/loyalty-points/program", { birthday_bonus_points: 50 }, admin)
        const leap = await registerShopper(api, store, "leap@example.com")
        await setBirthday(leap.token, { birthday: "2000-02-29" })

        expect((await runBirthdays("2027-02-28T03:00:00Z")).customer_ids).toEqual([leap.customer_id])
        expect((await runBirthdays("2028-02-28T03:00:00Z")).granted).toBe(0)
        expect((await runBirthdays("2028-02-29T03:00:00Z")).customer_ids).toEqual([leap.customer_id])
        expect((await bonusEntries(leap.customer_id)).map((entry) => entry.points)).toEqual([50, 50])
      })

      it("should grant nothing while the birthday bonus is 0 (off)", async () => {
        const shopper = await registerShopper(api, store, "off-birthday@example.com")
        await setBirthday(shopper.token, { birthday: "1990-05-17" })
        expect((await runBirthdays("2026-05-17T03:15:00Z")).granted).toBe(0)
        expect(await bonusEntries(shopper.customer_id)).toEqual([])
      })
    })

    describe("referral", () => {
      type Shopper = Awaited<ReturnType<typeof registerShopper>>
      /** The code the shopper is shown, once signup has stored their account (with that same code). */
      const referralCodeOf = async (shopper: Shopper) => {
        const shown = (await api.get("/store/customers/me/loyalty-points", storeCall(shopper.token))).data.loyalty_account
          .referral_code
        await eventually(async () =>
          expect((await loyalty().listLoyaltyAccounts({ customer_id: shopper.customer_id }))[0]?.referral_code).toBe(shown)
        )
        return shown as string
      }
      const refer = (shopper: Shopper, body: unknown) =>
        attempt(api.post("/store/customers/me/loyalty-points/referral", body, storeCall(shopper.token)))
      const referrerOf = async (customerId: string) =>
        (await loyalty().listLoyaltyAccounts({ customer_id: customerId }))[0]?.referrer_account_id ?? null
      const accountIdOf = async (customerId: string) => (await loyalty().retrieveOrCreateAccount(customerId)).id
      const order = async (shopper: Shopper, quantity = 2) => {
        const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity }] })
        return await completeCart(api, store, cartId, shopper.token)
      }
      const earnedOn = async (orderId: string) =>
        (await api.get(`/admin/orders/${orderId}/loyalty-points`, admin)).data.loyalty_points.earned
      const capture = async (orderId: string) => {
        const [payment] = await orderPayments(api, orderId, admin)
        await api.post(`/admin/payments/${payment.id}/capture`, {}, admin)
        return payment
      }
      const referralEntries = async () =>
        (await loyalty().listLoyaltyEntries({ reason: ["referee", "referrer"] }, { order: { id: "ASC" } })).map(
          (entry) => ({ type: entry.type, reason: entry.reason, points: entry.points, account_id: entry.account_id })
        )

      it("should show every account a referral code and record the referrer once, never oneself", async () => {
        const ada = await registerShopper(api, store, "ada-ref@example.com")
        const bob = await registerShopper(api, store, "bob-ref@example.com")
        const cyd = await registerShopper(api, store, "cyd-ref@example.com")
        const adaCode = await referralCodeOf(ada)
        const bobCode = await referralCodeOf(bob)
        expect(adaCode).toMatch(/^[A-Z2-9]{10}$/)
        expect(bobCode).not.toBe(adaCode)

        const self = await refer(bob, { code: bobCode })
        expect({ status: self.status, message: self.data.message }).toEqual({
          status: 400,
          message: expect.stringContaining("own referral code"),
        })
        const unknown = await refer(bob, { code: "ZZZZZZZZZZ" })
        expect({ status: unknown.status, message: unknown.data.message }).toEqual({
          status: 400,
          message: expect.stringContaining("no account has the referral code"),
        })
        for (const body of [{}, { code: "" }, { code: 12345 }, { code: "abc$%" }, { code: adaCode, customer_id: "x" }]) {
          expect({ body, status: (await refer(bob, body)).status }).toEqual({ body, status: 400 })
        }
        expect(await referrerOf(bob.customer_id)).toBeNull()

        // Case and spaces do not matter; the same code again is a repeat.
        const recorded = await refer(bob, { code: ` ${adaCode.toLowerCase()} ` })
        expect(recorded.status).toBe(200)
        expect(recorded.data.loyalty_account.referral_code).toBe(bobCode)
        expect((await refer(bob, { code: adaCode })).status).toBe(200)

        const another = await refer(bob, { code: await referralCodeOf(cyd) })
        expect({ status: another.status, message: another.data.message }).toEqual({
          status: 409,
          message: expect.stringContaining("already recorded"),
        })
        expect(await referrerOf(bob.customer_id)).toBe(await accountIdOf(ada.customer_id))
      })

      it("should refuse a referral after the customer's first order", async () => {
        const ada = await registerShopper(api, store, "ada-late@example.com")
        const late = await registerShopper(api, store, "late@example.com")
        await order(late, 1)

        const response = await refer(late, { code: await referralCodeOf(ada) })
        expect({ status: response.status, message: response.data.message }).toEqual({
          status: 400,
          message: expect.stringContaining("before your first order"),
        })
        expect(await referrerOf(late.customer_id)).toBeNull()
      })

      it("should grant both bonuses once when the first order is captured, and claw both back on its full refund", async () => {
        await api.post(
          "/admin/loyalty-points/program",
          { referrer_bonus_points: 300, referee_bonus_points: 100, referral_min_order_amounts: { usd: 100 } },
          admin
        )
        const ada = await registerShopper(api, store, "ada-pay@example.com")
        const bob = await registerShopper(api, store, "bob-pay@example.com")
        expect((await refer(bob, { code: await referralCodeOf(ada) })).status).toBe(200)
        const [adaAccount, bobAccount] = [await accountIdOf(ada.customer_id), await accountIdOf(bob.customer_id)]

        // Two plain at 50, tax 10, shipping 10 + 1: 121, above the minimum of 100.
        const first = await order(bob)
        await eventually(async () => expect(await earnedOn(first.id)).toBe(0))
        expect(await referralEntries()).toEqual([])

        const payment = await capture(first.id)
        await eventually(async () =>
          expect(await referralEntries()).toEqual([
            expect.objectContaining({ type: "bonus", reason: "referee", points: 100, account_id: bobAccount }),
            expect.objectContaining({ type: "bonus", reason: "referrer", points: 300, account_id: adaAccount }),
          ])
        )
        await eventually(async () => expect(await earnedOn(first.id)).toBe(100))
        // The events again, twice at once, and a second captured order: nothing more.
        await Promise.all([
          settleReferralBonusesWorkflow(getContainer()).run({ input: { order_id: first.id } }),
          settleReferralBonusesWorkflow(getContainer()).run({ input: { payment_id: payment.id } }),
        ])
        const second = await order(bob)
        await capture(second.id)
        await eventually(async () => expect(await earnedOn(second.id)).toBe(100))
        await settleReferralBonusesWorkflow(getContainer()).run({ input: { order_id: second.id } })
        expect(await referralEntries()).toHaveLength(2)
        expect((await loyalty().retrieveOrCreateAccount(ada.customer_id)).balance).toBe(300)
        expect((await loyalty().retrieveOrCreateAccount(bob.customer_id)).balance).toBe(300)

        // A full refund of the first order claws both back, once.
        await api.post(`/admin/payments/${payment.id}/refund`, { amount: 121 }, admin)
        await eventually(async () =>
          expect((await referralEntries()).filter((entry) => entry.type === "clawback")).toEqual([
            expect.objectContaining({ reason: "referee", points: -100, account_id: bobAccount }),
            expect.objectContaining({ reason: "referrer", points: -300, account_id: adaAccount }),
          ])
        )
        await settleReferralBonusesWorkflow(getContainer()).run({ input: { payment_id: payment.id } })
        expect(await referralEntries()).toHaveLength(4)
        expect((await loyalty().retrieveOrCreateAccount(ada.customer_id)).balance).toBe(0)
        // The refund also claws back what the first order earned, whichever of the two
        // subscribers ran first: the bonus clawback is not the order's own.
        await eventually(async () =>
          expect(await loyalty().summarizeOrderPoints(first.id)).toMatchObject({ earned: 100, clawed_back: 100, written_off: 0 })
        )
        expect((await loyalty().retrieveOrCreateAccount(bob.customer_id)).balance).toBe(100)
        await eventually(async () => expect(bonusEvents.map((event) => event.reason).sort()).toEqual(["referee", "referrer"]))
      })

      it("should grant nothing for a first order below the programme's minimum", async () => {
        await api.post(
          "/admin/loyalty-points/program",
          { referrer_bonus_points: 300, referee_bonus_points: 100, referral_min_order_amounts: { usd: 200 } },
          admin
        )
        const ada = await registerShopper(api, store, "ada-min@example.com")
        const bob = await registerShopper(api, store, "bob-min@example.com")
        await refer(bob, { code: await referralCodeOf(ada) })

        const first = await order(bob)
        await capture(first.id)
        await eventually(async () => expect(await earnedOn(first.id)).toBe(100))
        const { result } = await settleReferralBonusesWorkflow(getContainer()).run({ input: { order_id: first.id } })

        expect(result.granted).toEqual([])
        expect(await referralEntries()).toEqual([])
      })
    })
  },
})
