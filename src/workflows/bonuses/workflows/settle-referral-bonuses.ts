import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { LoyaltyPointsEvents, SettleReferralBonusesWorkflowInput } from "../../../types"
import { loadOrderForEarningStep } from "../../earning/steps/load-order-for-earning"
import { resolvePaymentOrderStep } from "../../earning/steps/resolve-payment-order"
import { settleReferralBonusesStep } from "../steps/settle-referral-bonuses"
import { bonusGrantedEvents } from "../utils/bonus-granted-events"

export const settleReferralBonusesWorkflowId = "loyalty-points-settle-referral-bonuses"

/**
 * Settles the referral bonuses of an order (given by id, or by one of its payments):
 * when a referred customer's first order is fully captured and reaches the programme's
 * minimum, both sides get their bonus once; when that order is later fully refunded or
 * canceled, both are clawed back once. Runs on `order.placed` (payments captured at
 * completion), `payment.captured`, `payment.refunded` and `order.canceled`; any order of
 * those events, repeated or late, ends in the same state. Emits
 * `loyalty_points.bonus_granted` and `loyalty_points.clawed_back`.
 *
 * @example
 * await settleReferralBonusesWorkflow(container).run({ input: { payment_id: "pay_123" } })
 */
export const settleReferralBonusesWorkflow = createWorkflow(
  settleReferralBonusesWorkflowId,
  function (input: WorkflowData<SettleReferralBonusesWorkflowInput>) {
    const payment = when("loyalty-points-referral-by-payment", input, (input) => !!input.payment_id).then(() =>
      resolvePaymentOrderStep({ payment_id: input.payment_id as string })
    )
    const orderId = transform({ input, payment }, ({ input, payment }) => input.order_id ?? payment?.order_id ?? null)
    const order = when("loyalty-points-referral-has-order", orderId, (orderId) => !!orderId).then(() =>
      loadOrderForEarningStep(transform({ orderId }, ({ orderId }) => ({ order_id: orderId as string })))
    )
    const settled = settleReferralBonusesStep(transform({ order }, ({ order }) => ({ order: order ?? null })))

    const granted = transform({ settled }, ({ settled }) => bonusGrantedEvents(settled.granted))
    when("loyalty-points-referral-bonuses-granted", granted, (granted) => granted.length > 0).then(() => {
      emitEventStep({ eventName: LoyaltyPointsEvents.BONUS_GRANTED, data: granted }).config({
        name: "emit-loyalty-points-referral-bonus-granted",
      })
    })
    const clawed = transform({ settled }, ({ settled }) =>
      settled.clawed_back.map((clawback) => ({
        id: clawback.entry_id,
        account_id: clawback.account_id,
        customer_id: clawback.customer_id,
        order_id: clawback.order_id,
        points: clawback.points,
        written_off: clawback.written_off,
        cause: "referral",
      }))
    )
    when("loyalty-points-referral-bonuses-clawed-back", clawed, (clawed) => clawed.length > 0).then(() => {
      emitEventStep({ eventName: LoyaltyPointsEvents.CLAWED_BACK, data: clawed }).config({
        name: "emit-loyalty-points-referral-clawed-back",
      })
    })
    return new WorkflowResponse(settled)
  }
)
