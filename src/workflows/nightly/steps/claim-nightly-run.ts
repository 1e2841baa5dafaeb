import { randomUUID } from "node:crypto"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"

export const claimNightlyRunStepId = "loyalty-points-claim-nightly-run"

export type ClaimNightlyRunInput = {
  /** Called by the scheduler: run only at the configured hour, once per day across processes. */
  scheduled?: boolean
  /** The moment the run is for (default now). */
  as_of?: Date | string
}

export type NightlyRunClaim = {
  claimed: boolean
  as_of: string
  /** The lock key of the day's run, for a scheduled run at its hour. */
  tick: string | null
  reason: "manual" | "claimed" | "not_the_hour" | "already_claimed"
}

/** How long the day's key stays taken: longer than any process's clock drift, shorter than a day. */
const TICK_TTL_SECONDS = 6 * 60 * 60

/**
 * Decides whether this run of the nightly job goes ahead. A manual run always does. A
 * scheduled one (the job fires every hour in every worker) goes ahead only at the hour
 * of the `nightly.hour` option and only in the first process that takes the day's key
 * in Medusa's Locking Module: with `@medusajs/medusa/locking-redis` (or
 * `locking-postgres`) that is once per day across the cluster. The key is never
 * released; it expires, so a later process of the same tick finds it taken. Nothing
 * to undo: the work that follows is safe to repeat.
 *
 * @example
 * const claim = claimNightlyRunStep({ scheduled: true })
 */
export const claimNightlyRunStep = createStep(
  claimNightlyRunStepId,
  async (input: ClaimNightlyRunInput, { container }) => {
    const asOf = input.as_of === undefined ? new Date() : new Date(input.as_of)
    const base = { as_of: asOf.toISOString(), tick: null }
    if (!input.scheduled) {
      return new StepResponse<NightlyRunClaim>({ ...base, claimed: true, reason: "manual" })
    }
    const { nightly } = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE).getOptions()
    if (asOf.getUTCHours() !== nightly.hour) {
      return new StepResponse<NightlyRunClaim>({ ...base, claimed: false, reason: "not_the_hour" })
    }
    const tick = `loyalty-points:nightly:${asOf.toISOString().slice(0, 10)}`
    try {
      await container.resolve(Modules.LOCKING).acquire(tick, { ownerId: randomUUID(), expire: TICK_TTL_SECONDS })
    } catch {
      return new StepResponse<NightlyRunClaim>({ ...base, tick, claimed: false, reason: "already_claimed" })
    }
    return new StepResponse<NightlyRunClaim>({ ...base, tick, claimed: true, reason: "claimed" })
  }
)
