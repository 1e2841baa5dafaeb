import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { LoyaltyPointsHealth, LoyaltyPointsHealthCheck } from "../../src/health/check-health"
import { createAdminUser } from "../helpers/create-admin-user"
import { createCheckoutStore } from "../helpers/checkout"
import type { HttpError } from "../helpers/http"

type HookStatus = LoyaltyPointsHealth["hooks"][number]

jest.setTimeout(180_000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    describe("GET /admin/loyalty-points/health", () => {
      let adminHeaders: { headers: Record<string, string> }

      beforeEach(async () => {
        adminHeaders = await createAdminUser(getContainer())
        await createCheckoutStore(getContainer())
      })

      it("should report a healthy install: migrations applied, options valid, hooks loaded", async () => {
        const { status, data } = await api.get("/admin/loyalty-points/health", adminHeaders)
        expect(status).toBe(200)
        expect(data.healthy).toBe(true)
        expect(data.checks.map((check: LoyaltyPointsHealthCheck) => [check.name, check.ok])).toEqual(
          expect.arrayContaining([
            ["module", true],
            ["migrations", true],
            ["options", true],
            ["hooks", true],
          ])
        )
        expect(data.migrations.expected.length).toBeGreaterThanOrEqual(4)
        expect(data.migrations.missing).toEqual([])
        expect(data.migrations.applied.sort()).toEqual(data.migrations.expected.sort())
        const hooks = data.hooks.map((hook: HookStatus) => hook.hook)
        expect(hooks).toContain("completeCartWorkflow.hooks.validate")
        expect(data.hooks.every((hook: HookStatus) => hook.loaded && hook.held)).toBe(true)
        expect(data.hooks_missing).toEqual([])
      })

      it("should warn about a currency of the store without an earn rate", async () => {
        const { data } = await api.get("/admin/loyalty-points/health", adminHeaders)
        // The test app's options give usd and eur a rate; the checkout store also sells in gbp.
        expect(data.currencies).toEqual([
          { currency_code: "eur", earn_rate: 1, redemption_value: 0.01 },
          { currency_code: "gbp", earn_rate: null, redemption_value: null },
          { currency_code: "usd", earn_rate: 1, redemption_value: 0.01 },
        ])
        expect(data.warnings).toEqual(
          expect.arrayContaining([
            'currency gbp has no earn rate: orders in gbp earn 0 points (reason "no_earn_rate")',
            "currency gbp has no redemption value: points cannot be spent in gbp carts",
          ])
        )
        expect(data.warnings.some((warning: string) => warning.includes("currency usd"))).toBe(false)
        expect(data.healthy).toBe(true)
      })

      it("should answer 503 naming the migration when one was not applied", async () => {
        const pg = getContainer().resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
        const before = await api.get("/admin/loyalty-points/health", adminHeaders)
        const last = before.data.migrations.expected.at(-1)
        await pg.raw("DELETE FROM mikro_orm_migrations WHERE name = ?", [last])
        try {
          const { status, data } = await api.get("/admin/loyalty-points/health", adminHeaders).catch((e: HttpError) => e.response)
          expect(status).toBe(503)
          expect(data.healthy).toBe(false)
          expect(data.migrations.missing).toEqual([last])
          const check = data.checks.find((c: LoyaltyPointsHealthCheck) => c.name === "migrations")
          expect(check.ok).toBe(false)
          expect(check.detail).toContain(last)
          expect(check.detail).toContain("medusa db:migrate")
        } finally {
          await pg.raw("INSERT INTO mikro_orm_migrations (name, executed_at) VALUES (?, now())", [last])
        }
        const after = await api.get("/admin/loyalty-points/health", adminHeaders)
        expect(after.data.healthy).toBe(true)
      })

      it("should refuse a caller who is not an admin", async () => {
        const { status } = await api.get("/admin/loyalty-points/health").catch((e: HttpError) => e.response)
        expect(status).toBe(401)
      })
    })
  },
})
