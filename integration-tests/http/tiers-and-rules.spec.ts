import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  LOYALTY_POINTS_MODULE,
  type ILoyaltyPointsModuleService,
  type LoyaltyEarningRuleDTO,
  type LoyaltyTierDTO,
} from "../../src/types"
import { createEarningRuleStep } from "../../src/workflows/rules"
import { createTierStep, deleteTierStep, updateTierStep } from "../../src/workflows/tiers"
import { AdminHeaders, createAdminUser } from "../helpers/create-admin-user"
import type { HttpError, HttpResponse } from "../helpers/http"

jest.setTimeout(120_000)

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR

type Catalog = {
  productId: string
  giftCardId: string
  collectionId: string
  categoryId: string
  typeId: string
}

async function createCatalog(container: MedusaContainer): Promise<Catalog> {
  const products = container.resolve(Modules.PRODUCT)
  const collection = await products.createProductCollections({ title: "Summer" })
  const category = await products.createProductCategories({ name: "Shoes" })
  const type = await products.createProductTypes({ value: "Apparel" })
  const [product, giftCard] = await products.createProducts([
    { title: "Sneaker", collection_id: collection.id, type_id: type.id, category_ids: [category.id] },
    { title: "Gift card", is_giftcard: true },
  ])
  return {
    productId: product.id,
    giftCardId: giftCard.id,
    collectionId: collection.id,
    categoryId: category.id,
    typeId: type.id,
  }
}

/** Runs a request and answers the response, whatever its status. */
function attempt(request: Promise<HttpResponse>): Promise<HttpResponse> {
  return request.catch((error: HttpError) => {
    if (!error?.response) {
      throw error
    }
    return error.response
  })
}

function expectBadRequest(response: HttpResponse, field: string) {
  expect({ status: response.status, type: response.data?.type }).toEqual({ status: 400, type: "invalid_data" })
  expect(response.data.message).toContain(field)
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: AdminHeaders
    let catalog: Catalog

    beforeEach(async () => {
      admin = await createAdminUser(getContainer())
      catalog = await createCatalog(getContainer())
    })

    const listTiers = async (): Promise<LoyaltyTierDTO[]> => (await api.get("/admin/loyalty-points/tiers", admin)).data.tiers
    const listRules = async (query = ""): Promise<LoyaltyEarningRuleDTO[]> =>
      (await api.get(`/admin/loyalty-points/rules${query}`, admin)).data.rules
    const createTier = async (body: Record<string, unknown>) =>
      (await api.post("/admin/loyalty-points/tiers", body, admin)).data.tier
    const createRule = async (body: Record<string, unknown>) =>
      (await api.post("/admin/loyalty-points/rules", body, admin)).data.rule

    describe("/admin/loyalty-points/tiers", () => {
      it("should create, list by rank, update and delete tiers", async () => {
        const gold = await createTier({
          name: "Gold",
          rank: 3,
          threshold: 5000,
          window_months: 24,
          earn_multiplier: 1.2,
          description: "Free shipping and early access",
        })
        const bronze = await createTier({ name: "Bronze", rank: 1, threshold: 0 })
        const silver = await createTier({ name: "Silver", rank: 2, threshold: 1000, threshold_type: "spend" })

        expect(gold).toEqual(
          expect.objectContaining({
            id: expect.stringMatching(/^lptier_/),
            name: "Gold",
            rank: 3,
            threshold: 5000,
            threshold_type: "points",
            window_months: 24,
            earn_multiplier: 1.2,
            description: "Free shipping and early access",
            metadata: null,
          })
        )
        expect(bronze).toEqual(
          expect.objectContaining({ threshold_type: "points", window_months: 12, earn_multiplier: 1, description: null })
        )
        expect(silver.threshold_type).toBe("spend")
        expect((await listTiers()).map((tier) => tier.name)).toEqual(["Bronze", "Silver", "Gold"])

        const updated = await api.post(
          `/admin/loyalty-points/tiers/${gold.id}`,
          { earn_multiplier: 1.25, description: null, metadata: { colour: "gold" } },
          admin
        )
        expect(updated.status).toBe(200)
        expect(updated.data.tier).toEqual(
          expect.objectContaining({
            id: gold.id,
            name: "Gold",
            rank: 3,
            threshold: 5000,
            window_months: 24,
            earn_multiplier: 1.25,
            description: null,
            metadata: { colour: "gold" },
          })
        )

        // Moving Bronze above Gold reorders the list.
        await api.post(`/admin/loyalty-points/tiers/${bronze.id}`, { rank: 10 }, admin)
        expect((await listTiers()).map((tier) => tier.name)).toEqual(["Silver", "Gold", "Bronze"])

        const deleted = await api.delete(`/admin/loyalty-points/tiers/${silver.id}`, admin)
        expect(deleted.status).toBe(200)
        expect(deleted.data).toEqual({ id: silver.id, object: "loyalty_tier", deleted: true })
        expect((await listTiers()).map((tier) => tier.id)).toEqual([gold.id, bronze.id])

        // A deleted tier is gone for good, and its rank is free again.
        expect((await attempt(api.delete(`/admin/loyalty-points/tiers/${silver.id}`, admin))).status).toBe(404)
        expect((await attempt(api.post(`/admin/loyalty-points/tiers/${silver.id}`, { name: "x" }, admin))).status).toBe(
          404
        )
        const newSilver = await createTier({ name: "Silver 2", rank: 2, threshold: 900 })
        expect(newSilver.rank).toBe(2)
      })

      it("should refuse a duplicate rank with 409 and change nothing", async () => {
        const bronze = await createTier({ name: "Bronze", rank: 1, threshold: 0 })
        const silver = await createTier({ name: "Silver", rank: 2, threshold: 1000 })
        const before = await listTiers()

        const duplicate = await attempt(
          api.post("/admin/loyalty-points/tiers", { name: "Another", rank: 1, threshold: 10 }, admin)
        )
        expect(duplicate.status).toBe(409)
        expect(duplicate.data.message).toContain("rank")
        expect(duplicate.data.message).toContain("Bronze")

        const moved = await attempt(api.post(`/admin/loyalty-points/tiers/${silver.id}`, { rank: 1, name: "S" }, admin))
        expect(moved.status).toBe(409)
        expect(moved.data.message).toContain("rank")

        // Keeping its own rank is not a conflict.
        const same = await api.post(`/admin/loyalty-points/tiers/${bronze.id}`, { rank: 1, threshold: 5 }, admin)
        expect(same.data.tier).toEqual(expect.objectContaining({ rank: 1, threshold: 5 }))

        const after = await listTiers()
        expect(after.map((tier) => [tier.id, tier.name, tier.rank])).toEqual(
          before.map((tier) => [tier.id, tier.name, tier.rank])
        )
      })

      it("should answer 400 naming the field for every bad input and change nothing", async () => {
        const gold = await createTier({ name: "Gold", rank: 3, threshold: 5000, earn_multiplier: 1.2 })
        const before = await listTiers()
        const valid = { name: "Silver", rank: 2, threshold: 1000 }

        const badCreates: [Record<string, unknown>, string][] = [
          [{ rank: 2, threshold: 1000 }, "name"],
          [{ ...valid, name: "" }, "name"],
          [{ ...valid, name: "   " }, "name"],
          [{ ...valid, name: "x".repeat(256) }, "name"],
          [{ ...valid, name: 5 }, "name"],
          [{ name: "Silver", threshold: 1000 }, "rank"],
          [{ ...valid, rank: -1 }, "rank"],
          [{ ...valid, rank: 1.5 }, "rank"],
          [{ ...valid, rank: "2" }, "rank"],
          [{ name: "Silver", rank: 2 }, "threshold"],
          [{ ...valid, threshold: -1 }, "threshold"],
          [{ ...valid, threshold: 10.5 }, "threshold"],
          [{ ...valid, threshold: 3_000_000_000 }, "threshold"],
          [{ ...valid, threshold_type: "visits" }, "threshold_type"],
          [{ ...valid, window_months: 0 }, "window_months"],
          [{ ...valid, window_months: 121 }, "window_months"],
          [{ ...valid, window_months: 6.5 }, "window_months"],
          [{ ...valid, earn_multiplier: 0.5 }, "earn_multiplier"],
          [{ ...valid, earn_multiplier: 0 }, "earn_multiplier"],
          [{ ...valid, earn_multiplier: 100.5 }, "earn_multiplier"],
          [{ ...valid, earn_multiplier: "1.2" }, "earn_multiplier"],
          [{ ...valid, description: 42 }, "description"],
          [{ ...valid, metadata: "perks" }, "metadata"],
          [{ ...valid, program_id: "lpprog_other" }, "program_id"],
          [{ ...valid, perks: "free shipping" }, "perks"],
        ]
        for (const [body, field] of badCreates) {
          const response = await attempt(api.post("/admin/loyalty-points/tiers", body, admin))
          expectBadRequest(response, field)
        }

        const badUpdates: [Record<string, unknown>, string][] = [
          [{ name: "" }, "name"],
          [{ rank: -3 }, "rank"],
          [{ threshold: -1 }, "threshold"],
          [{ window_months: 200 }, "window_months"],
          [{ earn_multiplier: 0.99 }, "earn_multiplier"],
          [{ id: "lptier_other" }, "id"],
          [{ name: "Platinum", earn_multiplier: 1000 }, "earn_multiplier"],
        ]
        for (const [body, field] of badUpdates) {
          const response = await attempt(api.post(`/admin/loyalty-points/tiers/${gold.id}`, body, admin))
          expectBadRequest(response, field)
        }

        expect((await attempt(api.get("/admin/loyalty-points/tiers?limit=abc", admin))).status).toBe(400)
        expect(await listTiers()).toEqual(before)
      })

      it("should answer 404 for an unknown tier id", async () => {
        const update = await attempt(api.post("/admin/loyalty-points/tiers/lptier_missing", { name: "Gold" }, admin))
        expect(update.status).toBe(404)
        expect(update.data.type).toBe("not_found")
        const removal = await attempt(api.delete("/admin/loyalty-points/tiers/lptier_missing", admin))
        expect(removal.status).toBe(404)
        expect(removal.data.type).toBe("not_found")
      })

      it("should answer 401 without admin authentication", async () => {
        const tier = await createTier({ name: "Gold", rank: 3, threshold: 5000 })
        const requests = [
          () => api.get("/admin/loyalty-points/tiers"),
          () => api.post("/admin/loyalty-points/tiers", { name: "Silver", rank: 2, threshold: 10 }),
          () => api.post(`/admin/loyalty-points/tiers/${tier.id}`, { name: "Hacked" }),
          () => api.delete(`/admin/loyalty-points/tiers/${tier.id}`),
        ]
        for (const request of requests) {
          // One at a time: a rejected request nobody awaits yet would fail the test.
          expect((await attempt(request())).status).toBe(401)
        }
        expect((await listTiers()).map((row) => row.name)).toEqual(["Gold"])
      })

      it("listTiersByRank should answer the live tiers lowest rank first", async () => {
        const loyalty = getContainer().resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
        await createTier({ name: "Gold", rank: 3, threshold: 5000, earn_multiplier: 1.2 })
        const silver = await createTier({ name: "Silver", rank: 2, threshold: 1000 })
        await createTier({ name: "Bronze", rank: 0, threshold: 0 })
        await api.delete(`/admin/loyalty-points/tiers/${silver.id}`, admin)

        const tiers = await loyalty.listTiersByRank()
        expect(tiers.map((tier) => [tier.name, tier.rank, tier.earn_multiplier])).toEqual([
          ["Bronze", 0, 1],
          ["Gold", 3, 1.2],
        ])
      })
    })

    describe("/admin/loyalty-points/rules", () => {
      it("should create, list, filter, update and delete earning rules", async () => {
        const double = await createRule({
          name: "Double points on Summer",
          action: "multiplier",
          multiplier: 2,
          target_type: "collection",
          target_ids: [catalog.collectionId, catalog.collectionId],
        })
        const exclusion = await createRule({
          name: "No points on sneakers",
          action: "exclude",
          target_type: "product",
          target_ids: [catalog.productId],
          is_active: false,
        })
        const dated = await createRule({
          name: "Triple on shoes this week",
          action: "multiplier",
          multiplier: 3,
          target_type: "category",
          target_ids: [catalog.categoryId],
          starts_at: "2030-06-01T00:00:00Z",
          ends_at: "2030-06-08T00:00:00.000Z",
          metadata: { campaign: "summer" },
        })

        expect(double).toEqual(
          expect.objectContaining({
            id: expect.stringMatching(/^lprule_/),
            name: "Double points on Summer",
            action: "multiplier",
            multiplier: 2,
            target_type: "collection",
            target_ids: [catalog.collectionId],
            starts_at: null,
            ends_at: null,
            is_active: true,
            metadata: null,
          })
        )
        expect(exclusion).toEqual(expect.objectContaining({ action: "exclude", multiplier: null, is_active: false }))
        expect(dated).toEqual(
          expect.objectContaining({
            multiplier: 3,
            starts_at: "2030-06-01T00:00:00.000Z",
            ends_at: "2030-06-08T00:00:00.000Z",
            metadata: { campaign: "summer" },
          })
        )

        expect((await listRules()).map((rule) => rule.id)).toEqual([double.id, exclusion.id, dated.id])
        expect((await listRules("?is_active=true")).map((rule) => rule.id)).toEqual([double.id, dated.id])
        expect((await listRules("?is_active=false")).map((rule) => rule.id)).toEqual([exclusion.id])

        const updated = await api.post(
          `/admin/loyalty-points/rules/${dated.id}`,
          { multiplier: 2.5, ends_at: null, target_type: "product_type", target_ids: [catalog.typeId] },
          admin
        )
        expect(updated.data.rule).toEqual(
          expect.objectContaining({
            id: dated.id,
            name: "Triple on shoes this week",
            action: "multiplier",
            multiplier: 2.5,
            target_type: "product_type",
            target_ids: [catalog.typeId],
            starts_at: "2030-06-01T00:00:00.000Z",
            ends_at: null,
          })
        )

        // Turning a multiplier into an exclusion clears the multiplier; and back again needs one.
        const excluded = await api.post(`/admin/loyalty-points/rules/${double.id}`, { action: "exclude" }, admin)
        expect(excluded.data.rule).toEqual(expect.objectContaining({ action: "exclude", multiplier: null }))
        const back = await api.post(
          `/admin/loyalty-points/rules/${double.id}`,
          { action: "multiplier", multiplier: 1.5, is_active: false },
          admin
        )
        expect(back.data.rule).toEqual(expect.objectContaining({ action: "multiplier", multiplier: 1.5, is_active: false }))

        const deleted = await api.delete(`/admin/loyalty-points/rules/${exclusion.id}`, admin)
        expect(deleted.data).toEqual({ id: exclusion.id, object: "loyalty_rule", deleted: true })
        expect((await listRules()).map((rule) => rule.id)).toEqual([double.id, dated.id])
        expect((await attempt(api.delete(`/admin/loyalty-points/rules/${exclusion.id}`, admin))).status).toBe(404)
      })

      it("should answer 400 naming the field for every bad input and change nothing", async () => {
        const exclusion = await createRule({
          name: "No points on sneakers",
          action: "exclude",
          target_type: "product",
          target_ids: [catalog.productId],
          starts_at: "2030-01-01",
        })
        const before = await listRules()
        const valid = {
          name: "Double",
          action: "multiplier",
          multiplier: 2,
          target_type: "collection",
          target_ids: [catalog.collectionId],
        }

        const badCreates: [Record<string, unknown>, string][] = [
          [{ ...valid, name: "" }, "name"],
          [{ ...valid, name: "x".repeat(256) }, "name"],
          [{ ...valid, action: "double" }, "action"],
          [{ ...valid, action: undefined }, "action"],
          [{ ...valid, multiplier: 0 }, "multiplier"],
          [{ ...valid, multiplier: -2 }, "multiplier"],
          [{ ...valid, multiplier: 101 }, "multiplier"],
          [{ ...valid, multiplier: "2" }, "multiplier"],
          [{ ...valid, multiplier: undefined }, "multiplier"],
          [{ ...valid, multiplier: null }, "multiplier"],
          [{ ...valid, action: "exclude", multiplier: 2 }, "multiplier"],
          [{ ...valid, target_type: "brand" }, "target_type"],
          [{ ...valid, target_type: undefined }, "target_type"],
          [{ ...valid, target_ids: [] }, "target_ids"],
          [{ ...valid, target_ids: [""] }, "target_ids"],
          [{ ...valid, target_ids: [42] }, "target_ids"],
          [{ ...valid, target_ids: catalog.collectionId }, "target_ids"],
          [{ ...valid, target_ids: Array.from({ length: 1001 }, (_, i) => `pcol_${i}`) }, "target_ids"],
          [{ ...valid, target_ids: undefined }, "target_ids"],
          [{ ...valid, starts_at: "tomorrow" }, "starts_at"],
          [{ ...valid, ends_at: "2030-13-45" }, "ends_at"],
          [{ ...valid, ends_at: "2030-02-30" }, "ends_at"],
          [{ ...valid, starts_at: "2030-06-08T00:00:00Z", ends_at: "2030-06-01T00:00:00Z" }, "ends_at"],
          [{ ...valid, starts_at: "2030-06-08T00:00:00Z", ends_at: "2030-06-08T00:00:00Z" }, "ends_at"],
          [{ ...valid, is_active: "yes" }, "is_active"],
          [{ ...valid, min_order_amount: 10 }, "min_order_amount"],
        ]
        for (const [body, field] of badCreates) {
          const response = await attempt(api.post("/admin/loyalty-points/rules", body, admin))
          expectBadRequest(response, field)
        }

        const badUpdates: [Record<string, unknown>, string][] = [
          [{ name: "" }, "name"],
          [{ multiplier: 0 }, "multiplier"],
          [{ target_ids: [] }, "target_ids"],
          [{ program_id: "lpprog_x" }, "program_id"],
          // Checked against the stored rule: an exclusion has no multiplier ...
          [{ multiplier: 2 }, "multiplier"],
          // ... a multiplier rule needs one ...
          [{ action: "multiplier" }, "multiplier"],
          // ... and the stored start must come before the new end.
          [{ ends_at: "2029-12-31T00:00:00Z" }, "ends_at"],
          [{ target_ids: ["prod_missing"] }, "target_ids"],
          [{ target_type: "collection" }, "target_ids"],
        ]
        for (const [body, field] of badUpdates) {
          const response = await attempt(api.post(`/admin/loyalty-points/rules/${exclusion.id}`, body, admin))
          expectBadRequest(response, field)
        }

        expect((await attempt(api.get("/admin/loyalty-points/rules?is_active=maybe", admin))).status).toBe(400)
        expect(await listRules()).toEqual(before)
      })

      it("should answer 400 for target ids that do not exist, and for a multiplier on a gift card", async () => {
        const cases: [string, string[], string][] = [
          ["product", [catalog.productId, "prod_missing"], "prod_missing"],
          ["collection", ["pcol_missing"], "pcol_missing"],
          ["category", [catalog.categoryId, "pcat_missing"], "pcat_missing"],
          ["product_type", ["ptyp_missing"], "ptyp_missing"],
          // An id of another kind is unknown too.
          ["collection", [catalog.productId], catalog.productId],
        ]
        for (const [targetType, ids, unknownId] of cases) {
          const response = await attempt(
            api.post(
              "/admin/loyalty-points/rules",
              { name: "Rule", action: "exclude", target_type: targetType, target_ids: ids },
              admin
            )
          )
          expectBadRequest(response, "target_ids")
          expect(response.data.message).toContain(unknownId)
        }

        const giftCardMultiplier = await attempt(
          api.post(
            "/admin/loyalty-points/rules",
            { name: "Gift", action: "multiplier", multiplier: 2, target_type: "product", target_ids: [catalog.giftCardId] },
            admin
          )
        )
        expectBadRequest(giftCardMultiplier, "target_ids")
        expect(giftCardMultiplier.data.message).toContain("gift")
        expect(await listRules()).toEqual([])

        // Excluding a gift card is harmless, and every kind of target that exists is accepted.
        await createRule({ name: "Gift", action: "exclude", target_type: "product", target_ids: [catalog.giftCardId] })
        for (const [targetType, id] of [
          ["product", catalog.productId],
          ["collection", catalog.collectionId],
          ["category", catalog.categoryId],
          ["product_type", catalog.typeId],
        ]) {
          await createRule({ name: targetType, action: "multiplier", multiplier: 2, target_type: targetType, target_ids: [id] })
        }
        expect(await listRules()).toHaveLength(5)
      })

      it("should answer 404 for an unknown rule id", async () => {
        const update = await attempt(api.post("/admin/loyalty-points/rules/lprule_missing", { name: "x" }, admin))
        expect(update.status).toBe(404)
        expect(update.data.type).toBe("not_found")
        const removal = await attempt(api.delete("/admin/loyalty-points/rules/lprule_missing", admin))
        expect(removal.status).toBe(404)
        expect(removal.data.type).toBe("not_found")
      })

      it("should answer 401 without admin authentication", async () => {
        const rule = await createRule({
          name: "Exclude",
          action: "exclude",
          target_type: "product",
          target_ids: [catalog.productId],
        })
        const requests = [
          () => api.get("/admin/loyalty-points/rules"),
          () => api.post("/admin/loyalty-points/rules", {
            name: "x",
            action: "exclude",
            target_type: "product",
            target_ids: [catalog.productId],
          }),
          () => api.post(`/admin/loyalty-points/rules/${rule.id}`, { name: "Hacked" }),
          () => api.delete(`/admin/loyalty-points/rules/${rule.id}`),
        ]
        for (const request of requests) {
          // One at a time: a rejected request nobody awaits yet would fail the test.
          expect((await attempt(request())).status).toBe(401)
        }
        expect((await listRules()).map((row) => row.name)).toEqual(["Exclude"])
      })

      it("listActiveEarningRules should answer the active rules whose dates contain the moment", async () => {
        const loyalty = getContainer().resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
        const now = Date.now()
        const iso = (ms: number) => new Date(ms).toISOString()
        const base = { action: "multiplier", multiplier: 2, target_type: "product", target_ids: [catalog.productId] }

        const always = await createRule({ ...base, name: "always" })
        const current = await createRule({ ...base, name: "current", starts_at: iso(now - DAY), ends_at: iso(now + DAY) })
        const future = await createRule({ ...base, name: "future", starts_at: iso(now + 2 * DAY) })
        const past = await createRule({ ...base, name: "past", ends_at: iso(now - HOUR) })
        await createRule({ ...base, name: "inactive", is_active: false })
        const paused = await createRule({ ...base, name: "paused" })
        await api.post(`/admin/loyalty-points/rules/${paused.id}`, { is_active: false }, admin)
        const removed = await createRule({ ...base, name: "removed" })
        await api.delete(`/admin/loyalty-points/rules/${removed.id}`, admin)

        const names = async (at?: Date) =>
          (await (at ? loyalty.listActiveEarningRules(at) : loyalty.listActiveEarningRules())).map((rule) => rule.name)

        expect(await names()).toEqual(["always", "current"])
        expect(await names(new Date(now - 2 * HOUR))).toEqual(["always", "current", "past"])
        expect(await names(new Date(now + 3 * DAY))).toEqual(["always", "future"])
        // starts_at is inclusive, ends_at exclusive.
        expect(await names(new Date(now - DAY))).toEqual(["always", "current", "past"])
        expect(await names(new Date(now + DAY))).toEqual(["always"])
        expect(await names(new Date(now - HOUR))).toEqual(["always", "current"])

        const [first] = await loyalty.listActiveEarningRules()
        expect(first).toEqual(
          expect.objectContaining({
            id: always.id,
            action: "multiplier",
            multiplier: 2,
            target_type: "product",
            target_ids: [catalog.productId],
            is_active: true,
          })
        )
        expect([current.id, future.id, past.id]).not.toContain(first.id)
      })
    })

    describe("tier and rule workflow compensation", () => {
      it("should undo a created rule and tier, an update and a delete when a later step fails", async () => {
        const container = getContainer()
        const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
        const gold = await createTier({ name: "Gold", rank: 3, threshold: 5000, earn_multiplier: 1.2, description: "Perks" })
        const silver = await createTier({ name: "Silver", rank: 2, threshold: 1000 })
        const before = await listTiers()

        const failStep = createStep("loyalty-points-test-fail", async () => {
          throw new Error("fail after the changes")
        })
        const workflow = createWorkflow("loyalty-points-test-compensation", () => {
          createTierStep({ name: "Platinum", rank: 4, threshold: 10000 })
          createEarningRuleStep({ name: "Rule", action: "exclude", target_type: "product", target_ids: ["prod_x"] })
          updateTierStep({ id: gold.id, name: "Gold+", earn_multiplier: 1.5, description: null })
          deleteTierStep(silver.id)
          failStep()
          return new WorkflowResponse(void 0)
        })
        const { errors } = await workflow(container).run({ throwOnError: false })
        expect(errors.map((error) => error.error?.message)).toEqual(["fail after the changes"])

        const withoutUpdatedAt = (tiers: LoyaltyTierDTO[]) => tiers.map(({ updated_at: _updatedAt, ...tier }) => tier)
        expect(withoutUpdatedAt(await listTiers())).toEqual(withoutUpdatedAt(before))
        expect(await listRules()).toEqual([])
        expect(await loyalty.listLoyaltyTiers({ name: "Platinum" }, { withDeleted: true })).toEqual([])
      })
    })
  },
})
