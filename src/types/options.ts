import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import {
  DEFAULT_PROGRAM_SETTINGS,
  mergeProgramSettings,
  ProgramSettings,
  ProgramSettingsPatchSchema,
} from "./program-settings"
import { LoyaltyPointsEvents } from "./module"

/** The events the notifications subscriber can turn into notifications. */
export const NOTIFIABLE_LOYALTY_EVENTS = [
  LoyaltyPointsEvents.EARNED,
  LoyaltyPointsEvents.REDEEMED,
  LoyaltyPointsEvents.EXPIRING,
  LoyaltyPointsEvents.EXPIRED,
  LoyaltyPointsEvents.TIER_CHANGED,
  LoyaltyPointsEvents.CLAWED_BACK,
] as const

export type NotifiableLoyaltyEvent = `${(typeof NOTIFIABLE_LOYALTY_EVENTS)[number]}`

const NotificationEventSchema = z.union([
  z.literal(false),
  z
    .object({
      /** The template the provider renders (default `loyalty-points-<event>`). */
      template: z.string().trim().min(1).max(200).optional(),
      /** The Notification Module channel (default the first of `notifications.channels`). */
      channel: z.string().trim().min(1).max(50).optional(),
    })
    .strict(),
])

/**
 * The plugin's options, as given in `medusa-config.ts`:
 * `plugins: [{ resolve: "medusa-loyalty-points", options }]`.
 */
export const LoyaltyPointsOptionsSchema = z
  .object({
    /** Defaults for the programme's settings; settings saved in the admin win over them. */
    program: ProgramSettingsPatchSchema.optional(),
    holds: z
      .object({
        /** Minutes a cart's hold on points lives unless the cart completes. */
        ttl_minutes: z.number().int().positive().max(60 * 24 * 30).default(60),
      })
      .strict()
      .default({ ttl_minutes: 60 }),
    /**
     * A clawback larger than the balance: `true` lets the balance go negative (later
     * earnings pay the debt first); `false` stops at zero and records the rest as
     * written off.
     */
    allow_negative_balance: z.boolean().default(true),
    /**
     * Run the ledger's hot statements as named prepared statements (planned once per
     * connection), and one-trip credits and debits as SQL `PREPARE`d statements. Turn
     * off behind a pooler in transaction mode: PgBouncer before 1.21 keeps no prepared
     * statement there, and no pooler keeps SQL `PREPARE`s (a one-trip write that finds
     * its statement gone falls back to the locking path, slower).
     */
    prepared_statements: z.boolean().default(true),
    /** The nightly job: expiry, reminders, tier reviews, reconciliation. */
    nightly: z
      .object({
        /** The hour (0-23, UTC) at which the job runs; it is checked every hour. */
        hour: z.number().int().min(0).max(23).default(3),
        /** Accounts per transaction. */
        batch_size: z.number().int().positive().max(100_000).default(1000),
      })
      .strict()
      .default({ hour: 3, batch_size: 1000 }),
    notifications: z
      .object({
        enabled: z.boolean().default(false),
        channels: z.array(z.enum(["email", "sms"])).min(1).default(["email"]),
        /** Days before expiry the reminder is sent. */
        reminder_days: z.number().int().positive().max(365).default(30),
        /**
         * Per event: `false` to send nothing for it, or its `template` (default
         * `loyalty-points-<event>`, e.g. `loyalty-points-expiring`) and `channel` (default
         * the first of `channels`). Every notifiable event is sent unless turned off.
         */
        events: z
          .object(
            Object.fromEntries(NOTIFIABLE_LOYALTY_EVENTS.map((name) => [name, NotificationEventSchema.optional()])) as Record<
              NotifiableLoyaltyEvent,
              z.ZodOptional<typeof NotificationEventSchema>
            >
          )
          .strict()
          .default({}),
      })
      .strict()
      .default({ enabled: false, channels: ["email"], reminder_days: 30, events: {} }),
    otp: z
      .object({
        enabled: z.boolean().default(false),
        /** Redemptions of more than this many points need a one-time code. */
        threshold_points: z.number().int().nonnegative().default(0),
        channel: z.enum(["email", "sms"]).default("email"),
        /** Codes an account may be sent per hour; more answer 429. */
        max_codes_per_hour: z.number().int().positive().max(100).default(5),
      })
      .strict()
      .default({ enabled: false, threshold_points: 0, channel: "email", max_codes_per_hour: 5 }),
  })
  .strict()

export type LoyaltyPointsOptionsInput = z.input<typeof LoyaltyPointsOptionsSchema>
export type LoyaltyPointsOptions = z.output<typeof LoyaltyPointsOptionsSchema> & {
  /** The programme defaults with the options' `program` applied. */
  program_defaults: ProgramSettings
}

const MEDUSA_MODULE_KEYS = new Set(["resolve", "database", "dependencies", "definition", "scope", "resources"])

/**
 * Validates the options and returns them with defaults filled in. Throws an error
 * naming every bad option, so a misconfigured store refuses to start.
 */
export function parseLoyaltyPointsOptions(raw: unknown): LoyaltyPointsOptions {
  // Medusa adds its own keys to a module's options; everything else must be ours.
  const input = Object.fromEntries(
    Object.entries((raw ?? {}) as Record<string, unknown>).filter(([name]) => !MEDUSA_MODULE_KEYS.has(name))
  )
  const result = LoyaltyPointsOptionsSchema.safeParse(input)
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => {
        const name = issue.path.length ? issue.path.join(".") : "(options)"
        return `option "${name}": ${issue.message}`
      })
      .join("; ")
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `medusa-loyalty-points: invalid plugin options: ${problems}`)
  }
  return {
    ...result.data,
    program_defaults: mergeProgramSettings(DEFAULT_PROGRAM_SETTINGS, result.data.program),
  }
}

/**
 * The template and channel of an event's notification, or null when nothing is to be
 * sent for it (notifications off, which is the default, or the event turned off).
 */
export function notificationSettingsFor(
  options: Pick<LoyaltyPointsOptions, "notifications">,
  eventName: NotifiableLoyaltyEvent
): { template: string; channel: string } | null {
  const { notifications } = options
  const event = notifications.events[eventName]
  if (!notifications.enabled || event === false) {
    return null
  }
  return {
    template: event?.template ?? `loyalty-points-${eventName.replace("loyalty_points.", "").replace(/_/g, "-")}`,
    channel: event?.channel ?? notifications.channels[0],
  }
}
