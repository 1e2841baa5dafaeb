/** The time range a recovery run looks at: changes older than the grace period, within the window. */
export type RecoveryWindow = {
  /** Oldest change considered. */
  since: Date
  /** Newest change considered (now minus the grace period). */
  until: Date
  limit: number
}

export const RECOVERY_DEFAULTS = {
  /** A completion takes at most Medusa's lock ttl (2 minutes); events are handled in seconds. */
  grace_minutes: 30,
  window_hours: 72,
  limit: 500,
}

export function recoveryWindow(input: { now?: Date | string; grace_minutes?: number; window_hours?: number; limit?: number }): RecoveryWindow {
  const now = input.now ? new Date(input.now) : new Date()
  const grace = input.grace_minutes ?? RECOVERY_DEFAULTS.grace_minutes
  const hours = input.window_hours ?? RECOVERY_DEFAULTS.window_hours
  return {
    since: new Date(now.getTime() - hours * 3_600_000),
    until: new Date(now.getTime() - grace * 60_000),
    limit: input.limit ?? RECOVERY_DEFAULTS.limit,
  }
}
