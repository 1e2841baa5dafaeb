import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { issueVoucherWorkflow, listCustomerVouchers } from "../../../../../../workflows/vouchers"
import { requestIdempotencyKey } from "../../../../../utils/idempotency-key"
import { CreateVoucherBody } from "../../../../../utils/voucher-validators"
import { answerErrors } from "../../../../../utils/answer-errors"

/** The shopper's vouchers, newest first, and whether each was used. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json({ vouchers: await listCustomerVouchers(req.scope, req.auth_context.actor_id) })
}

/** Turns the shopper's points into a single-use discount code. */
export const POST = answerErrors(async function POST(req: AuthenticatedMedusaRequest<CreateVoucherBody>, res: MedusaResponse) {
  const customerId = req.auth_context.actor_id
  const header = req.get("Idempotency-Key")
  const { result } = await issueVoucherWorkflow(req.scope).run({
    input: {
      customer_id: customerId,
      points: req.validatedBody.points,
      currency_code: req.validatedBody.currency_code,
      idempotency_key: requestIdempotencyKey("voucher", "store", customerId, header),
      actor_type: "customer",
      actor_id: customerId,
    },
  })
  res.json({ voucher: result })
})
