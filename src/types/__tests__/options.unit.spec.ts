import { parseLoyaltyPointsOptions } from "../options"
import { DEFAULT_PROGRAM_SETTINGS } from "../program-settings"

describe("parseLoyaltyPointsOptions", () => {
  it("fills every default when no options are given", () => {
    const options = parseLoyaltyPointsOptions(undefined)
    expect(options.holds.ttl_minutes).toBe(60)
    expect(options.allow_negative_balance).toBe(true)
    expect(options.notifications.enabled).toBe(false)
    expect(options.otp.enabled).toBe(false)
    expect(options.program_defaults).toEqual(DEFAULT_PROGRAM_SETTINGS)
  })

  it("merges programme defaults field by field, lower-casing currency codes", () => {
    const options = parseLoyaltyPointsOptions({
      program: { earn_rates: { USD: 0.5 }, expiry: { days: 90 }, redemption: { step: 10 } },
    })
    expect(options.program_defaults.earn_rates).toEqual({ usd: 0.5 })
    expect(options.program_defaults.expiry).toEqual({
      policy: "days_after_earn",
      days: 90,
      period: "year",
      months: 12,
      reminder_days: 30,
    })
    expect(options.program_defaults.redemption).toEqual({ ...DEFAULT_PROGRAM_SETTINGS.redemption, step: 10 })
  })

  it("ignores the keys Medusa adds to module options", () => {
    expect(() => parseLoyaltyPointsOptions({ resolve: "x", database: { clientUrl: "postgres://" } })).not.toThrow()
  })

  it.each([
    [{ holds: { ttl_minutes: -5 } }, 'option "holds.ttl_minutes"'],
    [{ allow_negative_balanse: true }, 'option "(options)": Unrecognized key: "allow_negative_balanse"'],
    [{ program: { earn_rates: { usd: -1 } } }, 'option "program.earn_rates.usd"'],
    [{ program: { earn_rates: { dollars: 1 } } }, 'option "program.earn_rates.dollars"'],
    [{ program: { rounding: "sideways" } }, 'option "program.rounding"'],
    [{ otp: { enabled: "yes" } }, 'option "otp.enabled"'],
  ])("refuses %j naming the option", (raw, named) => {
    expect(() => parseLoyaltyPointsOptions(raw)).toThrow(named)
  })
})
