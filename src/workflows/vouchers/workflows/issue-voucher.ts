import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ActorType, LoyaltyPointsEvents } from "../../../types"
import { retrieveOrCreateLoyaltyAccountStep } from "../../accounts/steps/retrieve-or-create-account"
import { createVoucherPromotionStep } from "../steps/create-voucher-promotion"
import { debitVoucherPointsStep } from "../steps/debit-voucher-points"
import { validateVoucherStep } from "../steps/validate-voucher"

export const issueVoucherWorkflowId = "loyalty-points-issue-voucher"

export type IssueVoucherWorkflowInput = {
  customer_id: string
  points: number
  currency_code: string
  idempotency_key: string
  actor_type: ActorType
  actor_id: string | null
}

/**
 * Turns points into a single-use discount code of the matching value: the points are
 * spent at once (`redeem`), the code works once for whoever holds it. The same
 * idempotency key answers the same voucher.
 *
 * @example
 * const { result } = await issueVoucherWorkflow(container).run({
 *   input: { customer_id: "cus_123", points: 500, currency_code: "usd", idempotency_key: "v1", actor_type: "customer", actor_id: "cus_123" },
 * })
 */
export const issueVoucherWorkflow = createWorkflow(
  issueVoucherWorkflowId,
  (input: WorkflowData<IssueVoucherWorkflowInput>) => {
    const account = retrieveOrCreateLoyaltyAccountStep({ customer_id: input.customer_id })
    const checked = validateVoucherStep(
      transform({ account, input }, ({ account, input }) => ({
        account_id: account.id,
        points: input.points,
        currency_code: input.currency_code,
      }))
    )
    const voucher = debitVoucherPointsStep(
      transform({ account, input, checked }, ({ account, input, checked }) => ({
        account_id: account.id,
        points: input.points,
        currency_code: checked.currency_code,
        value_per_point: checked.value_per_point,
        idempotency_key: input.idempotency_key,
        actor_type: input.actor_type,
        actor_id: input.actor_id,
      }))
    )
    createVoucherPromotionStep(
      transform({ voucher, checked, input }, ({ voucher, checked, input }) => ({
        code: voucher.code,
        amount: voucher.amount,
        currency_code: checked.currency_code,
        customer_id: input.customer_id,
        entry_id: voucher.entry.id,
      }))
    )
    emitEventStep({
      eventName: LoyaltyPointsEvents.REDEEMED,
      data: transform({ voucher, account }, ({ voucher, account }) => ({
        id: voucher.entry.id,
        account_id: account.id,
        customer_id: account.customer_id,
        points: -voucher.entry.points,
        voucher_code: voucher.code,
      })),
    })
    return new WorkflowResponse(
      transform({ voucher, checked, input }, ({ voucher, checked, input }) => ({
        code: voucher.code,
        points: input.points,
        amount: voucher.amount,
        currency_code: checked.currency_code,
        entry_id: voucher.entry.id,
      }))
    )
  }
)
