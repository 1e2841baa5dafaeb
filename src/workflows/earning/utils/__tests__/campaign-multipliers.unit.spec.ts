import { DEFAULT_PROGRAM_SETTINGS, ProgramSettings } from "../../../../types/program-settings"
import { computeEarnablePoints, EarnableLine } from "../compute-earnable-points"

const settings = (patch: Partial<ProgramSettings> = {}): ProgramSettings => ({
  ...DEFAULT_PROGRAM_SETTINGS,
  earn_rates: { usd: 1 },
  ...patch,
})

const line = (id: string, amount: number, extra: Partial<EarnableLine> = {}): EarnableLine => ({
  id,
  amount_excluding_tax: amount,
  amount_including_tax: amount * 1.1,
  product_id: `prod_${id}`,
  ...extra,
})

describe("computeEarnablePoints with campaigns", () => {
  it("takes the strongest of overlapping campaigns, not their product", () => {
    const result = computeEarnablePoints({
      currency_code: "usd",
      lines: [line("a", 50)],
      settings: settings(),
      campaigns: [
        { id: "c2", name: "Double", multiplier: 2, scopes: null },
        { id: "c3", name: "Triple", multiplier: 3, scopes: null },
      ],
    })
    expect(result.points).toBe(150)
    expect(result.campaign).toEqual({ id: "c3", name: "Triple", multiplier: 3 })
    expect(result.campaign_multiplier).toBe(3)
    expect(result.campaign_ids).toEqual(["c3"])
    expect(result.lines[0]).toEqual(expect.objectContaining({ campaign_id: "c3", campaign_multiplier: 3, points: 150 }))
  })

  it("multiplies only the lines in a campaign's product scopes, on top of the rule", () => {
    const result = computeEarnablePoints({
      currency_code: "usd",
      lines: [line("a", 50, { collection_id: "pcol_sale" }), line("b", 20)],
      settings: settings(),
      rules: [{ id: "r", action: "multiplier", multiplier: 2, target_type: "collection", target_ids: ["pcol_sale"] }],
      campaigns: [
        { id: "sale", name: "Sale", multiplier: 3, scopes: [{ target_type: "collection", target_ids: ["pcol_sale"] }] },
      ],
      tier_multiplier: 1.5,
    })
    // a: 50 x 2 (rule) x 3 (campaign) = 300; b: 20. Times the tier: 480.
    expect(result.points).toBe(480)
    expect(result.lines.map((l) => [l.line_id, l.campaign_id, l.points])).toEqual([
      ["a", "sale", 300],
      ["b", null, 20],
    ])
    expect(result.campaign_ids).toEqual(["sale"])
  })

  it("leaves excluded lines, gift cards and scoped campaigns' shipping alone, and earns nothing without campaigns as before", () => {
    const withCampaigns = computeEarnablePoints({
      currency_code: "usd",
      lines: [line("gift", 25, { is_giftcard: true }), line("a", 10)],
      shipping: { amount_excluding_tax: 10, amount_including_tax: 11 },
      settings: settings({ earn_on_shipping: true }),
      campaigns: [
        { id: "all", name: "All", multiplier: 2, scopes: null },
        { id: "scoped", name: "Shoes", multiplier: 5, scopes: [{ target_type: "product", target_ids: ["prod_x"] }] },
      ],
    })
    // a: 10 x 2; shipping: 10 x 2 (the unscoped campaign); the gift card earns nothing.
    expect(withCampaigns.points).toBe(40)
    expect(withCampaigns.shipping).toEqual({ amount: 10, points: 20 })
    const without = computeEarnablePoints({
      currency_code: "usd",
      lines: [line("a", 10)],
      settings: settings(),
    })
    expect(without).toEqual(expect.objectContaining({ points: 10, campaign: null, campaign_multiplier: 1, campaign_ids: [] }))
  })
})
