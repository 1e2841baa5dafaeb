import {
  createWorkflow,
  transform,
  when,
  WorkflowData,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { LoyaltyPointsEvents } from "../../../types/module"
import { attachRedemptionToOrderStep } from "../../redemption/steps/attach-redemption-to-order"
import { computeOrderEarningStep } from "../steps/compute-order-earning"
import { retrieveOrCreateLoyaltyAccountStep } from "../../accounts/steps/retrieve-or-create-account"
import { loadOrderForEarningStep } from "../steps/load-order-for-earning"
import { recordPendingEarningStep } from "../steps/record-pending-earning"
import { settleOrderEarningWorkflow } from "./settle-order-earning"
import { reverseOrderPointsWorkflow } from "../../reversal/workflows/reverse-order-points"

export const recordOrderEarningWorkflowId = "loyalty-points-record-order-earning"

/**
 * On `order.placed`: records the order on the points its cart spent, then computes what a registered customer's order earns (per line,
 * after every discount, rules and tier applied, rounded once, capped), records it as
 * pending with its breakdown, and earns at once the share already captured (a payment
 * captured during cart completion emits no `payment.captured`). Guests earn nothing.
 * Orders converted from draft orders earn the same way. Running it twice earns once.
 *
 * @example
 * await recordOrderEarningWorkflow(container).run({ input: { order_id: "order_123" } })
 */
export const recordOrderEarningWorkflow = createWorkflow(
  recordOrderEarningWorkflowId,
  (input: WorkflowData<{ order_id: string }>) => {
    // Points spent on the order are recorded before earning is computed on what was paid.
    const redemption = attachRedemptionToOrderStep({ order_id: input.order_id })
    when("emit-redeemed", { redemption }, ({ redemption }) => redemption.redeemed.length > 0).then(() => {
      emitEventStep({
        eventName: LoyaltyPointsEvents.REDEEMED,
        data: transform({ redemption, input }, ({ redemption, input }) =>
          redemption.redeemed.map((entry) => ({
            id: entry.entry_id,
            account_id: entry.account_id,
            customer_id: redemption.customer_id,
            order_id: input.order_id,
            points: entry.points,
          }))
        ),
      }).config({ name: "emit-loyalty-points-redeemed" })
    })
    const order = loadOrderForEarningStep({ order_id: input.order_id })

    const account = when("record-for-registered-customer", { order }, ({ order }) => !!order?.has_account).then(() =>
      retrieveOrCreateLoyaltyAccountStep(transform({ order }, ({ order }) => ({ customer_id: order!.customer_id as string })))
    )
    // Workflow conditions cannot nest, so each step below carries the same condition.
    const pending = when("record-pending-of-account", { account }, ({ account }) => !!account).then(() => {
      const breakdown = computeOrderEarningStep(
        transform({ order, account }, ({ order, account }) => ({ order: order!, account_id: account!.id }))
      )
      return recordPendingEarningStep(
        transform({ order, account, breakdown }, ({ order, account, breakdown }) => ({
          account_id: account!.id,
          order_id: order!.id,
          breakdown,
        }))
      )
    })
    const settled = when("settle-captured-share", { pending }, ({ pending }) => !!pending).then(() =>
      settleOrderEarningWorkflow.runAsStep({
        input: transform({ order }, ({ order }) => ({ order_id: order!.id })),
      })
    )
    // An order refunded or canceled before this event was handled gives back at once what
    // its refunds and cancellation found nothing to take from.
    when("reverse-refunded-or-canceled", { pending, order }, ({ pending, order }) =>
      !!pending && (order!.canceled || order!.refunded_amount > 0)
    ).then(() =>
      reverseOrderPointsWorkflow.runAsStep({
        input: transform({ order }, ({ order }) => ({
          order_id: order!.id,
          cause: order!.canceled ? ("cancel" as const) : ("refund" as const),
        })),
      })
    )
    const result = transform({ pending, settled }, ({ pending, settled }) =>
      pending
        ? { pending_points: pending.points, capped_from: pending.capped_from, earned_points: settled?.earned_points ?? 0 }
        : null
    )
    return new WorkflowResponse(result)
  }
)
