import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { issueVoucherWorkflow, listCustomerVouchers } from "../../../../../../workflows/vouchers"
import { answerErrors } from "../../../../../utils/answer-errors"
import { assertCustomerExists } from "../../../../../utils/assert-customer-exists"
import { requestIdempotencyKey } from "../../../../../utils/idempotency-key"
import { CreateVoucherBody } from "../../../../../utils/voucher-validators"

/** The customer's vouchers, newest first. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await assertCustomerExists(req.scope, req.params.id)
  res.json({ vouchers: await listCustomerVouchers(req.scope, req.params.id) })
}

/**
 * Issues a voucher from the customer's points, with the admin as the entry's actor (no
 * one-time code: it guards against a stolen customer token). Same rules and
 * idempotency as the store route, in the admin's own key namespace.
 */
export const POST = answerErrors(async function POST(req: AuthenticatedMedusaRequest<CreateVoucherBody>, res: MedusaResponse) {
  await assertCustomerExists(req.scope, req.params.id)
  const { result } = await issueVoucherWorkflow(req.scope).run({
    input: {
      customer_id: req.params.id,
      points: req.validatedBody.points,
      currency_code: req.validatedBody.currency_code,
      idempotency_key: requestIdempotencyKey("voucher", "admin", req.params.id, req.get("Idempotency-Key")),
      actor_type: "user",
      actor_id: req.auth_context.actor_id,
      skip_otp: true,
    },
  })
  res.json({ voucher: result })
})
