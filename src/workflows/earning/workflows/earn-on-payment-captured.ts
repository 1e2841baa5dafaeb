import { createWorkflow, transform, when, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { resolvePaymentOrderStep } from "../steps/resolve-payment-order"
import { settleOrderEarningWorkflow } from "./settle-order-earning"

export const earnOnPaymentCapturedWorkflowId = "loyalty-points-earn-on-payment-captured"

/**
 * On `payment.captured`: finds the payment's order and makes the captured share of its
 * pending points spendable. A partial capture earns its proportion; the capture that
 * completes the payment earns exactly the rest. The same event twice earns once.
 *
 * @example
 * await earnOnPaymentCapturedWorkflow(container).run({ input: { payment_id: "pay_123" } })
 */
export const earnOnPaymentCapturedWorkflow = createWorkflow(
  earnOnPaymentCapturedWorkflowId,
  (input: WorkflowData<{ payment_id: string }>) => {
    const { order_id } = resolvePaymentOrderStep({ payment_id: input.payment_id })
    const result = when("payment-belongs-to-order", { order_id }, ({ order_id }) => !!order_id).then(() =>
      settleOrderEarningWorkflow.runAsStep({
        input: transform({ order_id, input }, ({ order_id, input }) => ({
          order_id: order_id as string,
          payment_id: input.payment_id,
        })),
      })
    )
    // `when` yields nothing when its condition is false: answer null then.
    return new WorkflowResponse(transform({ result }, ({ result }) => result ?? null))
  }
)
