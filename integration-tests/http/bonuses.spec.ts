import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { LOYALTY_POINTS_MODULE, LoyaltyPointsEvents, type ILoyaltyPointsModuleService } from "../../src/types"
import { grantSignupBonusWorkflow } from "../../src/workflows/bonuses"
import { eventually } from "../helpers/async"
import { CheckoutStore, createCheckoutStore, registerShopper } from "../helpers/checkout"
import { AdminHeaders, createAdminUser } from "../helpers/create-admin-user"

jest.setTimeout(180_000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: CheckoutStore
    let admin: AdminHeaders
    const bonusEvents: any[] = []

    const loyalty = () => getContainer().resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const bonusEntries = async (customerId: string) => {
      const account = await loyalty().retrieveOrCreateAccount(customerId)
      return await loyalty().listLoyaltyEntries({ account_id: account.id, type: "bonus" }, { order: { id: "ASC" } })
    }

    beforeAll(async () => {
      store = await createCheckoutStore(getContainer())
      getContainer()
        .resolve(Modules.EVENT_BUS)
        .subscribe(LoyaltyPointsEvents.BONUS_GRANTED, async (event: any) => {
          bonusEvents.push(event.data ?? event)
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
            .catch((error: any) => error.response)
          expect(response.status).toBe(400)
          expect(response.data.message).toContain("signup_bonus_points")
        }
        expect((await api.get("/admin/loyalty-points/program", admin)).data.program).toEqual(before)
      })
    })
  },
})
