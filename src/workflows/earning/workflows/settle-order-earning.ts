import {
  createWorkflow,
  transform,
  when,
  WorkflowData,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { LoyaltyPointsEvents } from "../../../types/module"
import { retrieveOrCreateLoyaltyAccountStep } from "../../accounts/steps/retrieve-or-create-account"
import { loadOrderForEarningStep } from "../steps/load-order-for-earning"
import { raiseTierStep } from "../steps/raise-tier"
import { settleOrderEarningStep } from "../steps/settle-order-earning"

export const settleOrderEarningWorkflowId = "loyalty-points-settle-order-earning"

export type SettleOrderEarningWorkflowInput = {
  order_id: string
  /** The payment whose capture triggered this, recorded as the entry's reference. */
  payment_id?: string | null
}

/**
 * Makes the captured share of an order's pending points spendable, raises the
 * customer's tier when the earn takes them over a threshold, and emits
 * `loyalty_points.earned` (and `loyalty_points.tier_changed`). Guests' orders and
 * orders with nothing captured change nothing; running it twice earns once.
 *
 * @example
 * await settleOrderEarningWorkflow(container).run({ input: { order_id: "order_123", payment_id: "pay_123" } })
 */
export const settleOrderEarningWorkflow = createWorkflow(
  settleOrderEarningWorkflowId,
  (input: WorkflowData<SettleOrderEarningWorkflowInput>) => {
    const order = loadOrderForEarningStep({ order_id: input.order_id })

    const registered = when("settle-for-registered-customer", { order }, ({ order }) => !!order?.has_account)
    // Workflow conditions cannot nest, so each step below carries the same condition.
    const account = registered.then(() =>
      retrieveOrCreateLoyaltyAccountStep(transform({ order }, ({ order }) => ({ customer_id: order!.customer_id as string })))
    )
    const settled = when("settle-earning-of-account", { account }, ({ account }) => !!account).then(() =>
      settleOrderEarningStep(
        transform({ order, account, input }, ({ order, account, input }) => ({
          account_id: account!.id,
          order_id: order!.id,
          currency_code: order!.currency_code,
          captured_amount: order!.captured_amount,
          payable_amount: order!.payable_amount,
          payment_id: input.payment_id ?? null,
        }))
      )
    )
    const tier = when("raise-tier-of-account", { account }, ({ account }) => !!account).then(() =>
      raiseTierStep(transform({ account }, ({ account }) => ({ account_id: account!.id })))
    )

    when("emit-earned", { settled }, ({ settled }) => !!settled?.entry).then(() => {
      emitEventStep({
        eventName: LoyaltyPointsEvents.EARNED,
        data: transform({ settled, account, order }, ({ settled, account, order }) => ({
          id: settled!.entry!.id,
          account_id: account!.id,
          customer_id: account!.customer_id,
          order_id: order!.id,
          points: settled!.entry!.points,
          balance: settled!.account.balance,
        })),
      }).config({ name: "emit-loyalty-points-earned" })
    })
    when("emit-tier-changed", { tier }, ({ tier }) => !!tier?.changed).then(() => {
      emitEventStep({
        eventName: LoyaltyPointsEvents.TIER_CHANGED,
        data: transform({ tier, account }, ({ tier, account }) => ({
          account_id: account!.id,
          customer_id: account!.customer_id,
          previous_tier_id: tier!.previous_tier_id,
          tier_id: tier!.tier_id,
        })),
      }).config({ name: "emit-loyalty-points-tier-changed" })
    })

    const result = transform({ settled, tier }, ({ settled, tier }) =>
      settled
        ? {
            earned_points: settled.entry?.points ?? 0,
            earned_total: settled.earned_total,
            tier_changed: Boolean(tier?.changed),
            tier_id: tier?.tier_id ?? null,
          }
        : null
    )
    return new WorkflowResponse(result)
  }
)
