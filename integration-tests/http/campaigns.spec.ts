import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import {
  LOYALTY_POINTS_MODULE,
  type ILoyaltyPointsModuleService,
  type LedgerEntryDTO,
  type LoyaltyCampaignDTO,
} from "../../src/types"
import type { EarnableBreakdown } from "../../src/workflows/earning/utils/compute-earnable-points"
import { eventually } from "../helpers/async"
import { CartLine, CheckoutStore, completeCart, createCart, createCheckoutStore, registerShopper } from "../helpers/checkout"
import { AdminHeaders, createAdminUser } from "../helpers/create-admin-user"
import type { HttpError, HttpResponse } from "../helpers/http"

jest.setTimeout(180_000)

const HOUR = 60 * 60 * 1000
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString()
/** An `earn_pending` entry's metadata: the order's earnable breakdown (see record-pending-earning). */
const breakdownOf = (entry: LedgerEntryDTO) => entry.metadata as EarnableBreakdown

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: CheckoutStore
    let admin: AdminHeaders

    const loyalty = () => getContainer().resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const attempt = (request: Promise<HttpResponse>) =>
      request.catch((error: HttpError) => error.response ?? Promise.reject(error))
    const createCampaign = (body: Record<string, unknown>) =>
      attempt(api.post("/admin/loyalty-points/campaigns", body, admin))
    const updateCampaign = (id: string, body: Record<string, unknown>) =>
      attempt(api.post(`/admin/loyalty-points/campaigns/${id}`, body, admin))

    /** Places an order and answers its `earn_pending` entry (points and breakdown). */
    let shopperCount = 0
    const placeOrder = async (lines: CartLine[]) => {
      const shopper = await registerShopper(api, store, `campaign-${++shopperCount}@example.com`)
      const cartId = await createCart(api, store, { token: shopper.token, lines })
      const order = await completeCart(api, store, cartId, shopper.token)
      return await eventually(async () => {
        const [entry] = await loyalty().listLoyaltyEntries({ order_id: order.id, type: "earn_pending" })
        expect(entry).toBeDefined()
        return entry
      })
    }

    beforeAll(async () => {
      store = await createCheckoutStore(getContainer())
    })

    beforeEach(async () => {
      admin = await createAdminUser(getContainer())
    })

    afterEach(async () => {
      expect((await loyalty().reconcile()).variances).toEqual([])
    })

    describe("earning during a campaign", () => {
      it("should double the points of an order placed inside the campaign's dates and not outside", async () => {
        const created = await createCampaign({
          name: "Double points this weekend",
          multiplier: 2,
          starts_at: at(-HOUR),
          ends_at: at(HOUR),
        })
        expect(created.status).toBe(200)
        const campaign = created.data.campaign
        expect(campaign).toEqual(
          expect.objectContaining({ id: expect.stringMatching(/^lpcamp_/), multiplier: 2, is_active: true, tier_ids: null })
        )

        // Two plain at 50 earn 100 at 1 point per dollar; the campaign doubles them.
        const inside = await placeOrder([{ product: "plain", quantity: 2 }])
        expect(inside.points).toBe(200)
        expect(inside.metadata).toEqual(
          expect.objectContaining({
            campaign: { id: campaign.id, name: "Double points this weekend", multiplier: 2 },
            campaign_multiplier: 2,
            campaign_ids: [campaign.id],
          })
        )

        // Moved into the past, it no longer applies to new orders.
        expect((await updateCampaign(campaign.id, { starts_at: at(-3 * HOUR), ends_at: at(-2 * HOUR) })).status).toBe(200)
        const after = await placeOrder([{ product: "plain", quantity: 2 }])
        expect(after.points).toBe(100)
        expect(after.metadata).toEqual(expect.objectContaining({ campaign: null, campaign_multiplier: 1, campaign_ids: [] }))

        // Not started yet: nothing either.
        await updateCampaign(campaign.id, { starts_at: at(HOUR), ends_at: at(2 * HOUR) })
        expect((await placeOrder([{ product: "plain", quantity: 2 }])).points).toBe(100)
      })

      it("should take the strongest of overlapping campaigns, and honour tier, channel and product limits", async () => {
        const window = { starts_at: at(-HOUR), ends_at: at(HOUR) }
        await createCampaign({ name: "Double", multiplier: 2, ...window })
        const triple = (await createCampaign({ name: "Triple", multiplier: 3, ...window })).data.campaign
        await createCampaign({ name: "Inactive", multiplier: 10, is_active: false, ...window })
        const { data: tierData } = await api.post(
          "/admin/loyalty-points/tiers",
          { name: "Gold", rank: 5, threshold: 100000 },
          admin
        )
        await createCampaign({ name: "Gold only", multiplier: 5, tier_ids: [tierData.tier.id], ...window })

        const strongest = await placeOrder([{ product: "plain", quantity: 2 }])
        expect(strongest.points).toBe(300)
        expect(breakdownOf(strongest).campaign).toEqual({ id: triple.id, name: "Triple", multiplier: 3 })

        // Limited to the store's channel and to the "sale" collection's lines: only that line is multiplied.
        const { data: ruleData } = await api.post(
          "/admin/loyalty-points/rules",
          { name: "Sale scope", action: "multiplier", multiplier: 1, target_type: "collection", target_ids: [store.collectionId] },
          admin
        )
        const scoped = (
          await createCampaign({
            name: "Sale x6",
            multiplier: 6,
            sales_channel_ids: [store.salesChannelId],
            rule_ids: [ruleData.rule.id],
            ...window,
          })
        ).data.campaign
        const mixed = await placeOrder([{ product: "plain" }, { product: "sale" }])
        // plain: 50 x 3 (Triple) = 150; sale: 50 x 6 = 300.
        expect(mixed.points).toBe(450)
        const lines = breakdownOf(mixed).lines.map((line) => [line.campaign_id, line.campaign_multiplier, line.points])
        expect(lines).toEqual(expect.arrayContaining([[triple.id, 3, 150], [scoped.id, 6, 300]]))
        expect(breakdownOf(mixed).campaign).toEqual({ id: scoped.id, name: "Sale x6", multiplier: 6 })
      })
    })

    describe("/admin/loyalty-points/campaigns", () => {
      it("should list, update and delete campaigns", async () => {
        const first = (await createCampaign({ name: "A", multiplier: 2, starts_at: at(-HOUR), ends_at: at(HOUR) })).data.campaign
        const second = (await createCampaign({ name: "B", multiplier: 1.5, starts_at: at(HOUR), ends_at: at(2 * HOUR) })).data
          .campaign
        const listed = await api.get("/admin/loyalty-points/campaigns", admin)
        expect(listed.data.campaigns.map((campaign: LoyaltyCampaignDTO) => campaign.name)).toEqual(["B", "A"])

        const updated = await updateCampaign(first.id, { name: "A2", multiplier: 4, is_active: false })
        expect(updated.data.campaign).toEqual(expect.objectContaining({ id: first.id, name: "A2", multiplier: 4, is_active: false }))

        const deleted = await attempt(api.delete(`/admin/loyalty-points/campaigns/${second.id}`, admin))
        expect(deleted.data).toEqual({ id: second.id, object: "loyalty_campaign", deleted: true })
        expect((await api.get("/admin/loyalty-points/campaigns", admin)).data.campaigns.map((c: LoyaltyCampaignDTO) => c.id)).toEqual([first.id])
      })

      it("should refuse invalid campaigns with a 400 naming the field and change nothing", async () => {
        const valid = { name: "Weekend", multiplier: 2, starts_at: at(-HOUR), ends_at: at(HOUR) }
        const cases: [Record<string, unknown>, string][] = [
          [{ ...valid, ends_at: at(-2 * HOUR) }, "ends_at"],
          [{ ...valid, multiplier: 0.5 }, "multiplier"],
          [{ ...valid, multiplier: 101 }, "multiplier"],
          [{ ...valid, multiplier: "2" }, "multiplier"],
          [{ ...valid, starts_at: "2026-02-30" }, "starts_at"],
          [{ ...valid, name: "" }, "name"],
          [{ ...valid, tier_ids: ["lptier_unknown"] }, "tier_ids"],
          [{ ...valid, sales_channel_ids: ["sc_unknown"] }, "sales_channel_ids"],
          [{ ...valid, rule_ids: ["lprule_unknown"] }, "rule_ids"],
          [{ ...valid, tier_ids: [] }, "tier_ids"],
          [{ ...valid, bonus: 5 }, "bonus"],
          [{ multiplier: 2, starts_at: at(0), ends_at: at(HOUR) }, "name"],
        ]
        for (const [body, field] of cases) {
          const response = await createCampaign(body)
          expect({ field, status: response.status, type: response.data.type }).toEqual({ field, status: 400, type: "invalid_data" })
          expect(response.data.message).toContain(field)
        }
        expect((await api.get("/admin/loyalty-points/campaigns", admin)).data.campaigns).toEqual([])

        const campaign = (await createCampaign(valid)).data.campaign
        // Only ends_at given, before the stored start: the merged campaign is invalid.
        const bad = await updateCampaign(campaign.id, { ends_at: at(-2 * HOUR) })
        expect({ status: bad.status, message: bad.data.message }).toEqual({ status: 400, message: expect.stringContaining("ends_at") })
        const unknown = await updateCampaign("lpcamp_unknown", { multiplier: 3 })
        expect(unknown.status).toBe(404)
        expect((await attempt(api.delete("/admin/loyalty-points/campaigns/lpcamp_unknown", admin))).status).toBe(404)
        const [stored] = (await api.get("/admin/loyalty-points/campaigns", admin)).data.campaigns
        expect(stored).toEqual(campaign)
        expect((await attempt(api.get("/admin/loyalty-points/campaigns"))).status).toBe(401)
      })
    })
  },
})
