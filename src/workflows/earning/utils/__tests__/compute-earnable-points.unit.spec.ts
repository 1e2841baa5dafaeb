import { DEFAULT_PROGRAM_SETTINGS, ProgramSettings } from "../../../../types/program-settings"
import { earnedShare } from "../../../../modules/loyalty-points/utils/earned-share"
import { computeEarnablePoints, EarnableLine, roundPoints } from "../compute-earnable-points"

const settings = (patch: Partial<ProgramSettings> = {}): ProgramSettings => ({
  ...DEFAULT_PROGRAM_SETTINGS,
  earn_rates: { usd: 0.5, eur: 2 },
  ...patch,
})

const line = (id: string, excl: number, incl = excl * 1.1, extra: Partial<EarnableLine> = {}): EarnableLine => ({
  id,
  amount_excluding_tax: excl,
  amount_including_tax: incl,
  product_id: `prod_${id}`,
  ...extra,
})

describe("computeEarnablePoints", () => {
  it("earns the currency's rate on what is paid, tax and shipping excluded by default", () => {
    const result = computeEarnablePoints({
      currency_code: "USD",
      lines: [line("a", 30, 33), line("b", 15.5, 17)],
      shipping: { amount_excluding_tax: 10, amount_including_tax: 11 },
      settings: settings(),
    })
    expect(result.points).toBe(22) // (30 + 15.5) * 0.5 = 22.75, rounded down once
    expect(result.unrounded_points).toBeCloseTo(22.75)
    expect(result.shipping).toBeNull()
    expect(result.qualifying_amount).toBe(45.5)
  })

  it("counts tax and shipping when configured", () => {
    const result = computeEarnablePoints({
      currency_code: "usd",
      lines: [line("a", 30, 33)],
      shipping: { amount_excluding_tax: 10, amount_including_tax: 11 },
      settings: settings({ earn_on_tax: true, earn_on_shipping: true }),
    })
    expect(result.points).toBe(22) // (33 + 11) * 0.5
  })

  it("uses each currency's own rate and earns nothing in a currency without one", () => {
    expect(computeEarnablePoints({ currency_code: "eur", lines: [line("a", 10)], settings: settings() }).points).toBe(20)
    const gbp = computeEarnablePoints({ currency_code: "gbp", lines: [line("a", 1000)], settings: settings() })
    expect(gbp).toMatchObject({ points: 0, reason: "no_earn_rate", rate: null })
  })

  it("rounds once per order, not per line", () => {
    const lines = [line("a", 1), line("b", 1), line("c", 1)] // 0.5 each
    expect(computeEarnablePoints({ currency_code: "usd", lines, settings: settings() }).points).toBe(1)
    expect(computeEarnablePoints({ currency_code: "usd", lines, settings: settings({ rounding: "up" }) }).points).toBe(2)
    expect(computeEarnablePoints({ currency_code: "usd", lines, settings: settings({ rounding: "nearest" }) }).points).toBe(2)
  })

  it("excludes gift cards and excluded products, doubles a 2x line, and applies the tier after summing", () => {
    const result = computeEarnablePoints({
      currency_code: "usd",
      lines: [
        line("gift", 50, 50, { is_giftcard: true }),
        line("excluded", 40, 40, { collection_id: "pcol_sale" }),
        line("double", 20, 20, { category_ids: ["pcat_shoes"] }),
        line("plain", 20, 20),
      ],
      rules: [
        { id: "r_ex", action: "exclude", multiplier: null, target_type: "collection", target_ids: ["pcol_sale"] },
        { id: "r_2x", action: "multiplier", multiplier: 2, target_type: "category", target_ids: ["pcat_shoes"] },
      ],
      tier_multiplier: 1.2,
      settings: settings(),
    })
    expect(result.lines.map((l) => [l.line_id, l.points, l.excluded])).toEqual([
      ["gift", 0, "gift_card"],
      ["excluded", 0, { rule_id: "r_ex" }],
      ["double", 20, null],
      ["plain", 10, null],
    ])
    expect(result.points).toBe(36) // (20 + 10) * 1.2
  })

  it("takes the strongest multiplier when several rules match", () => {
    const result = computeEarnablePoints({
      currency_code: "usd",
      lines: [line("a", 10, 10, { type_id: "ptyp_1" })],
      rules: [
        { id: "r2", action: "multiplier", multiplier: 2, target_type: "product", target_ids: ["prod_a"] },
        { id: "r3", action: "multiplier", multiplier: 3, target_type: "product_type", target_ids: ["ptyp_1"] },
      ],
      settings: settings(),
    })
    expect(result.points).toBe(15)
    expect(result.lines[0].rule_ids).toEqual(["r2", "r3"])
  })

  it("earns nothing below the minimum order amount and caps per order", () => {
    expect(
      computeEarnablePoints({ currency_code: "usd", lines: [line("a", 19.99)], settings: settings({ min_order_amounts: { usd: 20 } }) })
    ).toMatchObject({ points: 0, reason: "below_minimum" })
    expect(
      computeEarnablePoints({ currency_code: "usd", lines: [line("a", 1000)], settings: settings({ max_points_per_order: 100 }) })
    ).toMatchObject({ points: 100, capped_by: "max_points_per_order" })
  })

  it("never earns on a negative amount", () => {
    expect(computeEarnablePoints({ currency_code: "usd", lines: [line("a", -5, -5)], settings: settings() }).points).toBe(0)
  })
})

describe("roundPoints", () => {
  it("does not lose a point to float noise", () => {
    expect(roundPoints(0.1 * 3 * 10, "down")).toBe(3)
    expect(roundPoints(2.0000000001, "up")).toBe(2)
  })
})

describe("earnedShare", () => {
  it("earns the captured share rounded down and exactly the rest on the final capture", () => {
    const earnable = 101
    const first = earnedShare(earnable, 33.33, 100)
    const second = earnedShare(earnable, 66.66, 100)
    const last = earnedShare(earnable, 100, 100)
    expect([first, second, last]).toEqual([33, 67, 101])
  })

  it("earns nothing before any capture and never more than earnable", () => {
    expect(earnedShare(50, 0, 100)).toBe(0)
    expect(earnedShare(50, 120, 100)).toBe(50)
    expect(earnedShare(0, 100, 100)).toBe(0)
  })
})
