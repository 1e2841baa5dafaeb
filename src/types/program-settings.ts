import { z } from "@medusajs/framework/zod"

const currencyCode = z
  .string()
  .regex(/^[a-zA-Z]{3}$/, "must be a three-letter ISO 4217 currency code")
  .transform((code) => code.toLowerCase())

const perCurrency = (value: z.ZodNumber) => z.record(currencyCode, value)

const nonNegativeInt = z.number().int().nonnegative()

/** The expiry policies a programme can have (setting `expiry.policy`). */
export const EXPIRY_POLICIES = ["days_after_earn", "end_of_period", "inactivity", "never"] as const

export type ExpiryPolicy = (typeof EXPIRY_POLICIES)[number]

/** The programme's settings; field names are the public contract (DESIGN.md "Shapes"). */
export const ProgramSettingsSchema = z
  .object({
    earn_rates: perCurrency(z.number().nonnegative().finite()),
    redemption_values: perCurrency(z.number().positive().finite()),
    earn_on_shipping: z.boolean(),
    earn_on_tax: z.boolean(),
    rounding: z.enum(["down", "nearest", "up"]),
    min_order_amounts: perCurrency(z.number().nonnegative().finite()),
    max_points_per_order: nonNegativeInt.nullable(),
    max_points_per_customer_per_day: nonNegativeInt.nullable(),
    /**
     * When points expire. `days_after_earn`: `days` after the credit; `end_of_period`:
     * at the end of the `period` (month or year, UTC) that lies `months` months after
     * the credit; `inactivity`: `days` after the account's last earn or redeem (each
     * one pushes every open lot forward); `never`. `reminder_days`: how long before a
     * lot's date the nightly job announces it (`loyalty_points.expiring`), 0 for never.
     */
    expiry: z.object({
      policy: z.enum(EXPIRY_POLICIES),
      days: z.number().int().positive().max(36500),
      period: z.enum(["month", "year"]),
      months: z.number().int().nonnegative().max(1200),
      reminder_days: z.number().int().nonnegative().max(3650),
    }),
    redemption: z.object({
      min_points: nonNegativeInt,
      step: z.number().int().positive(),
      max_share: z.number().gt(0).max(1),
      max_points_per_order: nonNegativeInt.nullable(),
    }),
    /** Vouchers made from points: how long a code lives, and how many points an account may turn into vouchers per 24 hours. */
    vouchers: z.object({
      expiry_days: z.number().int().positive().max(3650),
      max_points_per_day: nonNegativeInt.nullable(),
    }),
    restore_redeemed_on_refund: z.enum(["proportional", "none"]),
    restore_grace_days: z.number().int().nonnegative().max(3650),
    /**
     * Days an account may stay below its tier's threshold (over the tier's rolling
     * window) before the nightly tier review moves it down; 0 moves it at the first review.
     */
    tier_retention_days: z.number().int().nonnegative().max(3650),
    /** The currency the liability of a currency-less operation (expiry) is valued in. */
    default_currency_code: currencyCode,
    /** Points granted once to a customer who registers an account; 0 turns the signup bonus off. */
    signup_bonus_points: nonNegativeInt,
    /** Points granted once per calendar year on the customer's birthday; 0 turns it off. */
    birthday_bonus_points: nonNegativeInt,
    /** Points for the referrer when a referee's first order is captured; 0 turns it off. */
    referrer_bonus_points: nonNegativeInt,
    /** Points for the referee on their first captured order; 0 turns it off. */
    referee_bonus_points: nonNegativeInt,
    /** The least total (major units) the referee's first order must exceed, per currency; absent currency: 0. */
    referral_min_order_amounts: perCurrency(z.number().nonnegative().finite()),
    /**
     * Imports of more rows than this wait for a second admin's approval
     * (`POST /admin/loyalty-points/imports/:id/approve`); null: never.
     */
    import_approval_rows: z.number().int().positive().max(1_000_000).nullable(),
  })
  .strict()

export type ProgramSettings = z.infer<typeof ProgramSettingsSchema>

export const DEFAULT_PROGRAM_SETTINGS: ProgramSettings = {
  earn_rates: {},
  redemption_values: {},
  earn_on_shipping: false,
  earn_on_tax: false,
  rounding: "down",
  min_order_amounts: {},
  max_points_per_order: null,
  max_points_per_customer_per_day: null,
  expiry: { policy: "days_after_earn", days: 365, period: "year", months: 12, reminder_days: 30 },
  redemption: { min_points: 0, step: 1, max_share: 1, max_points_per_order: null },
  vouchers: { expiry_days: 90, max_points_per_day: null },
  restore_redeemed_on_refund: "proportional",
  restore_grace_days: 30,
  tier_retention_days: 30,
  default_currency_code: "usd",
  signup_bonus_points: 0,
  birthday_bonus_points: 0,
  referrer_bonus_points: 0,
  referee_bonus_points: 0,
  referral_min_order_amounts: {},
  import_approval_rows: 1000,
}

/** Any subset of the settings, as the admin route and the plugin options take them. */
export const ProgramSettingsPatchSchema = ProgramSettingsSchema.extend({
  expiry: ProgramSettingsSchema.shape.expiry.partial(),
  redemption: ProgramSettingsSchema.shape.redemption.partial(),
  vouchers: ProgramSettingsSchema.shape.vouchers.partial(),
}).partial()

export type ProgramSettingsPatch = z.infer<typeof ProgramSettingsPatchSchema>

/** Applies a patch to settings, merging the nested objects rather than replacing them. */
export function mergeProgramSettings(
  base: ProgramSettings,
  patch: ProgramSettingsPatch | undefined
): ProgramSettings {
  if (!patch) {
    return base
  }
  return ProgramSettingsSchema.parse({
    ...base,
    ...patch,
    expiry: { ...base.expiry, ...(patch.expiry ?? {}) },
    redemption: { ...base.redemption, ...(patch.redemption ?? {}) },
    vouchers: { ...base.vouchers, ...(patch.vouchers ?? {}) },
  })
}
