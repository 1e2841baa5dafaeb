import { createWorkflow, transform, when, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { resolvePaymentOrderStep } from "../../earning/steps/resolve-payment-order"
import { reverseOrderPointsWorkflow } from "./reverse-order-points"

export const reverseOnPaymentRefundedWorkflowId = "loyalty-points-reverse-on-payment-refunded"

export type ReverseOnPaymentRefundedWorkflowInput = {
  payment_id: string
  /** Overrides the plugin's `allow_negative_balance` option. */
  allow_negative_balance?: boolean | null
}

/**
 * On `payment.refunded`: finds the payment's order and claws back the refunded share of
 * its earned points and gives back the same share of its redeemed points, computed from
 * the order's cumulative refunds, so partial refunds that add up to the total claw back
 * exactly what was earned. The same event twice, or after the order was canceled,
 * changes nothing more.
 *
 * @example
 * await reverseOnPaymentRefundedWorkflow(container).run({ input: { payment_id: "pay_123" } })
 */
export const reverseOnPaymentRefundedWorkflow = createWorkflow(
  reverseOnPaymentRefundedWorkflowId,
  (input: WorkflowData<ReverseOnPaymentRefundedWorkflowInput>) => {
    const { order_id } = resolvePaymentOrderStep({ payment_id: input.payment_id })
    const result = when("refunded-payment-belongs-to-order", { order_id }, ({ order_id }) => !!order_id).then(() =>
      reverseOrderPointsWorkflow.runAsStep({
        input: transform({ order_id, input }, ({ order_id, input }) => ({
          order_id: order_id as string,
          cause: "refund" as const,
          payment_id: input.payment_id,
          allow_negative_balance: input.allow_negative_balance ?? null,
        })),
      })
    )
    return new WorkflowResponse(transform({ result }, ({ result }) => result ?? null))
  }
)
