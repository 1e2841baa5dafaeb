import { emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  AdjustLoyaltyPointsWorkflowInput,
  AdjustLoyaltyPointsWorkflowOutput,
  LedgerResult,
  LoyaltyPointsAdjustedEventData,
  LoyaltyPointsEvents,
  MoveLotsExpiryResult,
} from "../../../types"
import { retrieveOrCreateLoyaltyAccountStep } from "../../accounts/steps/retrieve-or-create-account"
import { creditAdjustmentStep } from "../steps/credit-adjustment"
import { debitAdjustmentStep } from "../steps/debit-adjustment"
import { moveLotsExpiryStep } from "../steps/move-lots-expiry"
import { validateAdjustmentStep } from "../steps/validate-adjustment"
import { AdjustmentChange } from "../utils/adjustment-change"

export const adjustLoyaltyPointsWorkflowId = "loyalty-points-adjust-points"

/**
 * An admin's adjustment of a customer's points: a positive `points` credits (a new lot
 * expiring at `expires_at` or per the programme), a negative one debits first-expiring
 * lots first and never takes `available` below zero (409), and `points: 0` with
 * `expires_at` moves the expiry of the open lots. Every case is one `adjust` entry
 * carrying the admin as its actor. The customer gets an account if they have none.
 * The same `idempotency_key` twice adjusts once and answers the first entry; only the
 * first emits `loyalty_points.adjusted`.
 *
 * @example
 * const { result } = await adjustLoyaltyPointsWorkflow(container).run({
 *   input: {
 *     customer_id: "cus_123",
 *     points: 50,
 *     reason: "goodwill",
 *     note: "Late delivery",
 *     idempotency_key: "adjust:cus_123:3f1c",
 *     actor_type: "user",
 *     actor_id: "user_123",
 *   },
 * })
 * // result.entry.points === 50, result.account.balance includes them
 */
export const adjustLoyaltyPointsWorkflow = createWorkflow(
  adjustLoyaltyPointsWorkflowId,
  function (input: WorkflowData<AdjustLoyaltyPointsWorkflowInput>) {
    validateAdjustmentStep(input)

    useQueryGraphStep({
      entity: "customer",
      fields: ["id"],
      filters: { id: input.customer_id },
      options: { throwIfKeyNotFound: true },
    })

    const account = retrieveOrCreateLoyaltyAccountStep({ customer_id: input.customer_id })

    const change = transform({ input, account }, ({ input, account }): AdjustmentChange => ({
      account_id: account.id,
      program_id: account.program_id,
      customer_id: input.customer_id,
      points: input.points,
      reason: input.reason.trim(),
      note: input.note ?? null,
      expires_at: input.expires_at ?? null,
      idempotency_key: input.idempotency_key,
      actor_type: input.actor_type ?? "system",
      actor_id: input.actor_id ?? null,
      metadata: input.metadata ?? null,
    }))

    const credited = when("loyalty-points-adjustment-is-credit", change, (change) => change.points > 0).then(() =>
      creditAdjustmentStep(change)
    )
    const debited = when("loyalty-points-adjustment-is-debit", change, (change) => change.points < 0).then(() =>
      debitAdjustmentStep(change)
    )
    const moved = when("loyalty-points-adjustment-is-expiry-move", change, (change) => change.points === 0).then(
      () => moveLotsExpiryStep(change)
    )

    const result = transform(
      { credited, debited, moved },
      ({ credited, debited, moved }): AdjustLoyaltyPointsWorkflowOutput => {
        const applied = (credited ?? debited ?? moved) as LedgerResult | MoveLotsExpiryResult
        return {
          entry: applied.entry,
          account: applied.account,
          replayed: applied.replayed,
          lots_moved: "lots" in applied ? applied.lots.length : 0,
        }
      }
    )

    when("loyalty-points-adjustment-is-new", result, (result) => !result.replayed).then(() => {
      const eventData = transform({ result, change }, ({ result, change }): LoyaltyPointsAdjustedEventData => ({
        id: result.entry.id,
        account_id: result.account.id,
        customer_id: change.customer_id,
        points: result.entry.points,
        reason: result.entry.reason,
        actor_type: result.entry.actor_type,
        actor_id: result.entry.actor_id,
        expires_at:
          change.expires_at === null ? null : new Date(change.expires_at as string | Date).toISOString(),
      }))
      emitEventStep({ eventName: LoyaltyPointsEvents.ADJUSTED, data: eventData })
    })

    return new WorkflowResponse(result)
  }
)
