import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { issueVoucherWorkflow, listCustomerVouchers } from "../../../../../../workflows/vouchers"
import { answerErrors } from "../../../../../utils/answer-errors"
import { requestIdempotencyKey } from "../../../../../utils/idempotency-key"
import { CreateVoucherBody } from "../../../../../utils/voucher-validators"

/** The shopper's vouchers, newest first, with when each expires and whether it was used. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json({ vouchers: await listCustomerVouchers(req.scope, req.auth_context.actor_id) })
}

/**
 * Turns the shopper's points into a single-use discount code only they can use. With an
 * `Idempotency-Key` a repeat answers the same voucher, or 409
 * `voucher_request_incomplete` while the first request has not completed.
 */
export const POST = answerErrors(async function POST(req: AuthenticatedMedusaRequest<CreateVoucherBody>, res: MedusaResponse) {
  const customerId = req.auth_context.actor_id
  const { result } = await issueVoucherWorkflow(req.scope).run({
    input: {
      customer_id: customerId,
      points: req.validatedBody.points,
      currency_code: req.validatedBody.currency_code,
      otp: req.validatedBody.otp ?? null,
      idempotency_key: requestIdempotencyKey("voucher", "store", customerId, req.get("Idempotency-Key")),
      actor_type: "customer",
      actor_id: customerId,
    },
  })
  res.json({ voucher: result })
})
