import { createWorkflow, transform, when, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { grantBirthdayBonusesWorkflow } from "../../bonuses/workflows/grant-birthday-bonuses"
import { reviewTiersWorkflow } from "../../tiers/workflows/review-tiers"
import { runReconciliationWorkflow } from "../../reconciliation/workflows/run-reconciliation"
import { announceExpiringPointsInPagesStep } from "../steps/announce-expiring-points-in-pages"
import { claimNightlyRunStep, ClaimNightlyRunInput } from "../steps/claim-nightly-run"
import { expireDuePointsInPagesStep } from "../steps/expire-due-points-in-pages"

export const runNightlyLoyaltyWorkflowId = "loyalty-points-run-nightly"

export type RunNightlyLoyaltyWorkflowInput = ClaimNightlyRunInput & {
  /** Accounts (lots, for reminders) per batch of the expiry and the reminders (default: the `nightly.batch_size` option). */
  batch_size?: number
}

/**
 * The programme's nightly run, as of `as_of` (default now): expires the points whose
 * date has passed (`loyalty_points.expired` per account), then announces the lots
 * expiring within the reminder window (`loyalty_points.expiring` once per lot and date),
 * then reviews tiers (`loyalty_points.tier_changed` for each account moved down), grants
 * the day's birthday bonuses (`loyalty_points.bonus_granted` each), and last reconciles
 * every account against the ledger and stores the run
 * (`loyalty_points.reconciliation_failed` on a variance). Scheduled runs go ahead once
 * per day, at the `nightly.hour` option (see claimNightlyRunStep). Every part is safe
 * to run twice and alongside another run.
 *
 * @example
 * await runNightlyLoyaltyWorkflow(container).run({ input: { scheduled: true } })
 */
export const runNightlyLoyaltyWorkflow = createWorkflow(
  runNightlyLoyaltyWorkflowId,
  (input: WorkflowData<RunNightlyLoyaltyWorkflowInput>) => {
    const claim = claimNightlyRunStep(input)

    // Expiry and reminders emit their events batch by batch, as each commits: a night
    // can reach every account (see the steps).
    const pages = transform({ claim, input }, ({ claim, input }) => ({ as_of: claim.as_of, batch_size: input.batch_size }))
    const expiry = when("nightly-expire", { claim }, ({ claim }) => claim.claimed).then(() =>
      expireDuePointsInPagesStep(pages)
    )

    const reminders = when("nightly-remind", { claim }, ({ claim }) => claim.claimed).then(() =>
      announceExpiringPointsInPagesStep(pages)
    )

    const tiers = when("nightly-review-tiers", { claim }, ({ claim }) => claim.claimed).then(() =>
      reviewTiersWorkflow.runAsStep({ input: transform({ claim }, ({ claim }) => ({ as_of: claim.as_of })) })
    )

    const birthdays = when("nightly-birthday-bonuses", { claim }, ({ claim }) => claim.claimed).then(() =>
      grantBirthdayBonusesWorkflow.runAsStep({ input: transform({ claim }, ({ claim }) => ({ as_of: claim.as_of })) })
    )

    // Last, so the check covers what the run itself wrote.
    const reconciliation = when("nightly-reconcile", { claim }, ({ claim }) => claim.claimed).then(() =>
      runReconciliationWorkflow.runAsStep({ input: {} })
    )

    return new WorkflowResponse(
      transform(
        { claim, expiry, reminders, tiers, birthdays, reconciliation },
        ({ claim, expiry, reminders, tiers, birthdays, reconciliation }) => ({
        ...claim,
        birthday_bonuses: birthdays ? { granted: birthdays.granted, points: birthdays.points } : null,
        expiry: expiry
          ? {
              accounts: expiry.accounts,
              lots: expiry.lots,
              points: expiry.points,
              money_amount: expiry.money_amount,
              currency_code: expiry.currency_code,
            }
          : null,
        reminders: reminders ? reminders.reminders : null,
        tiers_dropped: tiers ? tiers.dropped.length : null,
        reconciliation: reconciliation
          ? { id: reconciliation.id, accounts_checked: reconciliation.accounts_checked, variance_count: reconciliation.variance_count }
          : null,
        })
      )
    )
  }
)
