import { summaryToCsv } from "../summary-csv"
import type { SummaryReport } from "../summary-report"

const summary: SummaryReport = {
  from: "2026-01-01T00:00:00.000Z",
  to: "2026-02-01T00:00:00.000Z",
  currency_code: null,
  granularity: "week",
  outstanding_points: 1500,
  pending_points: 80,
  liability: [
    { currency_code: "eur", redemption_value: 0.02, amount: 30 },
    { currency_code: "usd", redemption_value: 0.01, amount: 15 },
  ],
  earned: 1000,
  redeemed: 250,
  expired: 50,
  clawed_back: 0,
  adjusted: 800,
  redemption_rate: 0.25,
  series: [
    { period: "2026-01-05T00:00:00.000Z", earned: 1000, redeemed: 250, expired: 50, outstanding_points: 1500, liability: { eur: 30, usd: 15 } },
  ],
  sales: [{ currency_code: "usd", members: { orders: 3, amount: 199.5 }, others: { orders: 1, amount: 20 } }],
  repeat_purchase: { members_with_orders: 2, repeat_members: 1, rate: 0.5 },
  tiers: [{ tier_id: null, name: "No tier, yet", accounts: 3 }],
  campaigns: [{ campaign_id: "lpcmp_1", name: 'Double "points"', orders: 2, points: 400 }],
}

describe("summaryToCsv", () => {
  it("should write every figure of the summary as section,key,value lines and the series below", () => {
    const lines = summaryToCsv(summary).trimEnd().split("\n")
    expect(lines[0]).toBe("section,key,value")
    expect(lines).toEqual(
      expect.arrayContaining([
        "totals,outstanding_points,1500",
        "totals,earned,1000",
        "totals,redemption_rate,0.25",
        "liability,eur,30",
        "liability,usd,15",
        "sales_members,usd,199.5",
        "orders_others,usd,1",
        "repeat_purchase,rate,0.5",
        'tiers,"No tier, yet",3',
        'campaigns,"Double ""points""",400',
        "period,earned,redeemed,expired,outstanding_points,liability_eur,liability_usd",
        "2026-01-05T00:00:00.000Z,1000,250,50,1500,30,15",
      ])
    )
  })

  it("should leave a missing rate empty rather than write null", () => {
    const lines = summaryToCsv({ ...summary, redemption_rate: null }).split("\n")
    expect(lines).toContain("totals,redemption_rate,")
  })
})
