import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { issueVoucherWorkflow, listCustomerVouchers } from "../../../../../../workflows/vouchers"
import { assertCustomerExists } from "../../../../../utils/assert-customer-exists"
import { requestIdempotencyKey } from "../../../../../utils/idempotency-key"
import { CreateVoucherBody } from "../../../../../utils/voucher-validators"
import { answerErrors } from "../../../../../utils/answer-errors"

/** The customer's vouchers, newest first. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await assertCustomerExists(req.scope, req.params.id)
  res.json({ vouchers: await listCustomerVouchers(req.scope, req.params.id) })
}

/** Issues a voucher from the customer's points, with the admin as the entry's actor. */
export const POST = answerErrors(async function POST(req: AuthenticatedMedusaRequest<CreateVoucherBody>, res: MedusaResponse) {
  await assertCustomerExists(req.scope, req.params.id)
  const header = req.get("Idempotency-Key")
  const { result } = await issueVoucherWorkflow(req.scope).run({
    input: {
      customer_id: req.params.id,
      points: req.validatedBody.points,
      currency_code: req.validatedBody.currency_code,
      idempotency_key: requestIdempotencyKey("voucher", "admin", req.params.id, header),
      actor_type: "user",
      actor_id: req.auth_context.actor_id,
    },
  })
  res.json({ voucher: result })
})
