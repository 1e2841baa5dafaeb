import { createWorkflow, transform, when, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { LoyaltyPointsEvents } from "../../../types/module"
import { ReversalCause } from "../../../types/reversal"
import { retrieveOrCreateLoyaltyAccountStep } from "../../accounts/steps/retrieve-or-create-account"
import { loadOrderForEarningStep } from "../../earning/steps/load-order-for-earning"
import { releaseCartHoldStep } from "../../redemption/steps/release-cart-hold"
import { resolveOrderCartStep } from "../steps/resolve-order-cart"
import { settleOrderReversalStep } from "../steps/settle-order-reversal"

export const reverseOrderPointsWorkflowId = "loyalty-points-reverse-order-points"

export type ReverseOrderPointsWorkflowInput = {
  order_id: string
  /** What happened: a refund (`payment.refunded`) or the cancellation (`order.canceled`). */
  cause: "refund" | "return" | "cancel"
  /** The refunded payment, recorded with the entries. */
  payment_id?: string | null
  /** The received return (`order.return_received`), recorded with the entries. */
  return_id?: string | null
  /** Overrides the plugin's `allow_negative_balance` option. */
  allow_negative_balance?: boolean | null
}

/**
 * Brings an order's points in line with its money: reads the order's captures, refunds
 * and received returns as they stand now and claws back the refunded share of what it
 * earned (voiding the share not earned yet), gives back the points spent on it by value
 * (returned lines: the points discount allocated to them; other refunds: their share of
 * the order's value before the points discount; programme setting
 * `restore_redeemed_on_refund`), or, once the order is canceled,
 * voids all its pending points, claws back everything earned, gives back every redeemed
 * point and releases any hold left on its cart. Emits `loyalty_points.clawed_back` when
 * points were clawed back or written off.
 *
 * The ledger works from cumulative totals, so a refund path and a cancel path (whose
 * refunds emit no `payment.refunded`), repeats and late events all end in the same
 * state. A canceled order is always reversed in full, whichever event arrives.
 *
 * @example
 * await reverseOrderPointsWorkflow(container).run({ input: { order_id: "order_123", cause: "cancel" } })
 */
export const reverseOrderPointsWorkflow = createWorkflow(
  reverseOrderPointsWorkflowId,
  (input: WorkflowData<ReverseOrderPointsWorkflowInput>) => {
    const order = loadOrderForEarningStep({ order_id: input.order_id })
    const { cart_id } = resolveOrderCartStep({ order_id: input.order_id })
    const canceled = transform({ order, input }, ({ order, input }) => !!order && (input.cause === "cancel" || order.canceled))

    when("release-canceled-order-hold", { canceled, cart_id }, ({ canceled, cart_id }) => canceled && !!cart_id).then(() => {
      releaseCartHoldStep(transform({ cart_id }, ({ cart_id }) => ({ cart_id: cart_id as string, status: "released" as const })))
    })

    const account = when("reverse-for-registered-customer", { order }, ({ order }) => !!order?.has_account).then(() =>
      retrieveOrCreateLoyaltyAccountStep(transform({ order }, ({ order }) => ({ customer_id: order!.customer_id as string })))
    )
    const reversal = when("reverse-points-of-account", { account }, ({ account }) => !!account).then(() =>
      settleOrderReversalStep(
        transform({ order, account, input, cart_id, canceled }, ({ order, account, input, cart_id, canceled }) => {
          const cause: ReversalCause = canceled
            ? { type: "cancel", id: order!.id }
            : input.cause === "return"
            ? { type: "return", id: input.return_id ?? order!.id, return_id: input.return_id ?? null }
            : {
                type: "refund",
                // The event names the payment only: the newest refund is the one it reports.
                id: order!.refund_ids[order!.refund_ids.length - 1] ?? input.payment_id ?? order!.id,
                payment_id: input.payment_id ?? null,
                refund_ids: order!.refund_ids,
              }
          return {
            account_id: account!.id,
            order_id: order!.id,
            cart_id,
            captured_amount: order!.captured_amount,
            refunded_amount: order!.refunded_amount,
            payable_amount: order!.payable_amount,
            points_discount_amount: order!.points_discount_amount,
            returned_points_discount_amount: order!.returned_points_discount_amount,
            returned_paid_amount: order!.returned_paid_amount,
            canceled,
            cause,
            currency_code: order!.currency_code,
            allow_negative_balance: input.allow_negative_balance ?? null,
          }
        })
      )
    )

    when("emit-clawed-back", { reversal }, ({ reversal }) => !!reversal && reversal.clawed_back + reversal.written_off > 0).then(
      () => {
        emitEventStep({
          eventName: LoyaltyPointsEvents.CLAWED_BACK,
          data: transform({ reversal, account, order }, ({ reversal, account, order }) => {
            const clawback = reversal!.entries.find((entry) => entry.type === "clawback")!
            return {
              id: clawback.id,
              account_id: account!.id,
              customer_id: account!.customer_id,
              order_id: order!.id,
              points: reversal!.clawed_back,
              written_off: reversal!.written_off,
              balance: reversal!.account.balance,
              cause: (clawback.metadata as Record<string, unknown> | null)?.cause ?? null,
            }
          }),
        }).config({ name: "emit-loyalty-points-clawed-back" })
      }
    )

    const result = transform({ reversal }, ({ reversal }) =>
      reversal
        ? {
            voided: reversal.voided,
            given_back: reversal.given_back,
            clawed_back: reversal.clawed_back,
            written_off: reversal.written_off,
            figures: reversal.figures,
          }
        : null
    )
    return new WorkflowResponse(result)
  }
)
