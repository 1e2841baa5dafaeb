import { createWorkflow, transform, when, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { retrieveOrCreateLoyaltyAccountStep } from "../../accounts/steps/retrieve-or-create-account"
import { computeOrderEarningStep } from "../steps/compute-order-earning"
import { loadOrderForEarningStep } from "../steps/load-order-for-earning"
import { retrieveOrderEarningRecordStep } from "../steps/retrieve-order-earning-record"
import { reviseOrderEarningStep } from "../steps/revise-order-earning"

export const reviseEditedOrderEarningWorkflowId = "loyalty-points-revise-edited-order-earning"

/**
 * On `order-edit.confirmed`: while none of the order's points has been earned or
 * reversed, recomputes what the edited order earns (the same computation as at
 * placement: current lines after discounts, the rules active when the order was placed,
 * the tier multiplier it was placed with) and moves its pending points to that figure
 * (`earn_pending` up, `earn_void` with reason `order_edited` down). Once points were
 * earned, money moves them instead: a refund of the difference claws back its share.
 * Guests' and canceled orders change nothing; the same edit twice changes nothing.
 *
 * @example
 * await reviseEditedOrderEarningWorkflow(container).run({ input: { order_id: "order_123" } })
 */
export const reviseEditedOrderEarningWorkflow = createWorkflow(
  reviseEditedOrderEarningWorkflowId,
  (input: WorkflowData<{ order_id: string }>) => {
    const order = loadOrderForEarningStep({ order_id: input.order_id })
    const record = retrieveOrderEarningRecordStep({ order_id: input.order_id })

    const account = when(
      "revise-for-registered-customer",
      { order, record },
      ({ order, record }) => !!order?.has_account && !order.canceled && record.recorded
    ).then(() =>
      retrieveOrCreateLoyaltyAccountStep(transform({ order }, ({ order }) => ({ customer_id: order!.customer_id as string })))
    )
    // Workflow conditions cannot nest, so each step below carries the same condition.
    const revised = when("revise-earning-of-account", { account }, ({ account }) => !!account).then(() => {
      const breakdown = computeOrderEarningStep(
        transform({ order, account, record }, ({ order, account, record }) => ({
          order: order!,
          account_id: account!.id,
          tier_multiplier: record.tier_multiplier,
        }))
      )
      return reviseOrderEarningStep(
        transform({ order, account, breakdown }, ({ order, account, breakdown }) => ({
          account_id: account!.id,
          order_id: order!.id,
          revision: String(order!.version ?? "edit"),
          breakdown,
        }))
      )
    })

    const result = transform({ revised }, ({ revised }) =>
      revised
        ? { earnable: revised.earnable, points_changed: revised.entry?.points ?? 0, skipped: revised.skipped }
        : null
    )
    return new WorkflowResponse(result)
  }
)
