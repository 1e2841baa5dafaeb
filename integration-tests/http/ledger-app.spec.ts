import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../src/types"

jest.setTimeout(120_000)

medusaIntegrationTestRunner({
  testSuite: ({ getContainer }) => {
    describe("loyalty points module in the Medusa app", () => {
      it("reads an account with its customer through query.graph, and a customer's account by customer_id", async () => {
        const container = getContainer()
        const customerModule = container.resolve(Modules.CUSTOMER)
        const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
        const query = container.resolve(ContainerRegistrationKeys.QUERY)

        const customer = await customerModule.createCustomers({
          email: "ada@example.com",
          first_name: "Ada",
          last_name: "Lovelace",
        })
        const account = await loyalty.retrieveOrCreateAccount(customer.id)
        await loyalty.creditPoints({
          account_id: account.id,
          points: 75,
          idempotency_key: "app-test-credit",
          reason: "welcome",
        })

        const { data } = await query.graph({
          entity: "loyalty_account",
          fields: ["id", "balance", "customer.email", "customer.first_name", "customer.last_name"],
          filters: { customer_id: customer.id },
        })
        expect(data).toEqual([
          expect.objectContaining({
            id: account.id,
            balance: 75,
            customer: expect.objectContaining({ email: "ada@example.com", first_name: "Ada", last_name: "Lovelace" }),
          }),
        ])
        expect((await loyalty.reconcile()).variances).toEqual([])
      })
    })
  },
})
