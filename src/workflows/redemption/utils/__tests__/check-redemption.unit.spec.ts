import { DEFAULT_PROGRAM_SETTINGS, ProgramSettings } from "../../../../types/program-settings"
import { checkRedemption } from "../check-redemption"
import { maxRedeemablePoints } from "../max-redeemable-points"
import { currencyPrecision, moneyToPoints, newLoyaltyCode, pointsToMoney, pointsToMoneyDown, voucherCodeFor } from "../loyalty-promotion"

const settings = (redemption: Partial<ProgramSettings["redemption"]> = {}): ProgramSettings => ({
  ...DEFAULT_PROGRAM_SETTINGS,
  redemption_values: { usd: 0.01 },
  redemption: { ...DEFAULT_PROGRAM_SETTINGS.redemption, ...redemption },
})

const check = (points: number, extra: Partial<Parameters<typeof checkRedemption>[0]> = {}) =>
  checkRedemption({ points, available: 10_000, item_total: 100, currency_code: "usd", settings: settings(), ...extra })

describe("checkRedemption", () => {
  it("answers the discount for points within every limit", () => {
    expect(check(2500)).toEqual({ amount: 25, value_per_point: 0.01 })
  })

  it.each<[string, Partial<ProgramSettings["redemption"]>, number, string]>([
    ["minimum", { min_points: 500 }, 400, "points must be at least 500 (minimum points per redemption)"],
    ["step", { step: 100 }, 450, "points must be a multiple of 100 (redemption step)"],
    ["per order", { max_points_per_order: 1000 }, 1500, "points must be at most 1000 (maximum points per order)"],
    ["share", { max_share: 0.5 }, 5001, "points may pay at most 50% of the cart's items: at most 5000 points (maximum share)"],
  ])("refuses a redemption beyond the %s limit with its allowed value", (_label, limits, points, message) => {
    expect(() => check(points, { settings: settings(limits) })).toThrow(message)
  })

  it("refuses more than available as a conflict, after the limits", () => {
    let error: unknown
    try {
      check(300, { available: 299 })
    } catch (e) {
      error = e
    }
    expect(error).toMatchObject({ type: "conflict", message: "Not enough points: 299 available, 300 requested" })
  })

  it("refuses a currency without a redemption value", () => {
    expect(() => check(10, { currency_code: "eur" })).toThrow("Points cannot be spent in EUR")
  })
})

describe("maxRedeemablePoints", () => {
  it("takes the smallest of available, share, per-order maximum, on the step", () => {
    const s = settings({ max_share: 0.5, step: 100, max_points_per_order: 4000 })
    expect(maxRedeemablePoints({ available: 10_000, item_total: 100, currency_code: "usd", settings: s })).toBe(4000)
    expect(maxRedeemablePoints({ available: 3456, item_total: 100, currency_code: "usd", settings: s })).toBe(3400)
    expect(maxRedeemablePoints({ available: 10_000, item_total: 30, currency_code: "usd", settings: s })).toBe(1500)
    expect(maxRedeemablePoints({ available: 50, item_total: 30, currency_code: "usd", settings: settings({ min_points: 100 }) })).toBe(0)
  })
})

describe("loyalty promotion helpers", () => {
  it("converts between points and money without losing a cent", () => {
    expect(pointsToMoney(333, 0.01)).toBe(3.33)
    expect(moneyToPoints(3.33, 0.01)).toBe(333)
    expect(moneyToPoints(3.335, 0.01)).toBe(334)
  })

  it("makes unguessable codes with the plugin's prefix", () => {
    const codes = new Set(Array.from({ length: 1000 }, newLoyaltyCode))
    expect(codes.size).toBe(1000)
    for (const code of codes) {
      expect(code).toMatch(/^LPTS-[A-Z2-9]{20}$/)
    }
  })
})

describe("vouchers and a points discount on one cart", () => {
  it("keeps them together within max_share", () => {
    const s = settings({ max_share: 0.5 })
    // Items of 100, half payable with points, a 30 voucher already on the cart: 20 left, 2,000 points.
    expect(maxRedeemablePoints({ available: 10_000, item_total: 100, voucher_amount: 30, currency_code: "usd", settings: s })).toBe(2000)
    expect(maxRedeemablePoints({ available: 10_000, item_total: 100, voucher_amount: 60, currency_code: "usd", settings: s })).toBe(0)
    expect(check(2000, { voucher_amount: 30, settings: s })).toEqual({ amount: 20, value_per_point: 0.01 })
    expect(() => check(2100, { voucher_amount: 30, settings: s })).toThrow(
      "points may pay at most 50% of the cart's items, vouchers included: at most 2000 points (maximum share)"
    )
  })
})

describe("voucher helpers", () => {
  it("rounds a voucher's money down to the currency's precision", () => {
    expect(pointsToMoneyDown(333, 0.015, "usd")).toBe(4.99)
    expect(pointsToMoneyDown(100, 0.01, "usd")).toBe(1)
    expect(pointsToMoneyDown(333, 1.5, "jpy")).toBe(499)
    expect(currencyPrecision("kwd")).toBe(3)
    expect(pointsToMoneyDown(333, 0.0015, "kwd")).toBe(0.499)
  })

  it("derives one code per account and request, never the same for another", () => {
    const code = voucherCodeFor("lpacc_1", "voucher:store:cus_1:k")
    expect(code).toMatch(/^LPV-[A-Z2-9]{20}$/)
    expect(voucherCodeFor("lpacc_1", "voucher:store:cus_1:k")).toBe(code)
    expect(voucherCodeFor("lpacc_2", "voucher:store:cus_1:k")).not.toBe(code)
    expect(voucherCodeFor("lpacc_1", "voucher:store:cus_1:k2")).not.toBe(code)
  })
})
