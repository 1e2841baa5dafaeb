import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ActorType, LoyaltyPointsEvents } from "../../../types"
import { retrieveOrCreateLoyaltyAccountStep } from "../../accounts/steps/retrieve-or-create-account"
import { checkRedemptionOtpStep } from "../../redemption/steps/check-redemption-otp"
import { voucherCodeFor } from "../../redemption/utils/loyalty-promotion"
import { createVoucherPromotionStep } from "../steps/create-voucher-promotion"
import { findVoucherRequestStep } from "../steps/find-voucher-request"
import { reserveVoucherPointsStep } from "../steps/reserve-voucher-points"
import { validateVoucherStep } from "../steps/validate-voucher"

export const issueVoucherWorkflowId = "loyalty-points-issue-voucher"

/** The one-time codes of vouchers share this scope in place of a cart id. */
export const VOUCHER_OTP_SCOPE = "vouchers"

export type IssueVoucherWorkflowInput = {
  customer_id: string
  points: number
  currency_code: string
  /** The request's ledger key (namespaced by the route: shopper or admin). */
  idempotency_key: string
  actor_type: ActorType
  actor_id: string | null
  /** The one-time code, when the programme asks for one (shopper requests). */
  otp?: string | null
  /** Skip the one-time code: an admin issuing a voucher for the customer. */
  skip_otp?: boolean
}

/**
 * Turns points into a single-use discount code worth their money (rounded down to the
 * currency's precision), usable only by the customer, until it expires (programme
 * `vouchers.expiry_days`). The redemption rules hold: a one-time code above the
 * threshold, `min_points` and `step`, the daily voucher cap. The code and its debit
 * exist only together: the code derives from the request's key, the debit is an
 * insert-or-get under the account lock, only the request that made the debit makes the
 * promotion, and a failure after the debit deletes the promotion and gives the points
 * back. A replay answers the same voucher, or 409 when the first request has not
 * completed.
 *
 * @example
 * const { result } = await issueVoucherWorkflow(container).run({
 *   input: { customer_id: "cus_123", points: 500, currency_code: "usd", idempotency_key: "voucher:store:cus_123:v1", actor_type: "customer", actor_id: "cus_123" },
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
    const request = findVoucherRequestStep({ idempotency_key: input.idempotency_key })
    when("voucher-needs-otp-check", { request, input }, ({ request, input }) => !request.seen && !input.skip_otp).then(() => {
      checkRedemptionOtpStep(
        transform({ account, input }, ({ account, input }) => ({
          account_id: account.id,
          customer_id: input.customer_id,
          cart_id: VOUCHER_OTP_SCOPE,
          points: input.points,
          otp: input.otp ?? null,
        }))
      )
    })
    const reserved = reserveVoucherPointsStep(
      transform({ account, input, checked }, ({ account, input, checked }) => ({
        account_id: account.id,
        customer_id: input.customer_id,
        points: input.points,
        code: voucherCodeFor(account.id, input.idempotency_key),
        amount: checked.amount,
        currency_code: checked.currency_code,
        expires_at: checked.expires_at,
        idempotency_key: input.idempotency_key,
        actor_type: input.actor_type,
        actor_id: input.actor_id,
      }))
    )
    const voucher = transform({ reserved }, ({ reserved }) => {
      const meta = (reserved.entry.metadata ?? {}) as { code: string; amount: number; currency_code: string; expires_at: string }
      return {
        code: meta.code,
        points: -reserved.entry.points,
        amount: meta.amount,
        currency_code: meta.currency_code,
        expires_at: meta.expires_at,
        used: false,
        entry_id: reserved.entry.id,
        created_at: reserved.entry.created_at,
      }
    })
    createVoucherPromotionStep(
      transform({ voucher, reserved, input }, ({ voucher, reserved, input }) => ({
        code: voucher.code,
        amount: voucher.amount,
        currency_code: voucher.currency_code,
        customer_id: input.customer_id,
        entry_id: voucher.entry_id,
        expires_at: voucher.expires_at,
        replayed: reserved.replayed,
        given_back: reserved.given_back,
      }))
    )
    when("voucher-is-new", { reserved }, ({ reserved }) => !reserved.replayed).then(() => {
      emitEventStep({
        eventName: LoyaltyPointsEvents.REDEEMED,
        data: transform({ voucher, account }, ({ voucher, account }) => ({
          id: voucher.entry_id,
          account_id: account.id,
          customer_id: account.customer_id,
          points: voucher.points,
          voucher_code: voucher.code,
        })),
      })
    })
    return new WorkflowResponse(voucher)
  }
)
