import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { generateEntityId, MedusaError } from "@medusajs/framework/utils"
import { AdminLoyaltyAdjustmentResponse } from "../../../../../../types"
import {
  retrieveLoyaltyAccountView,
  toLoyaltyEntryView,
} from "../../../../../../read-models/account-views"
import { adjustLoyaltyPointsWorkflow } from "../../../../../../workflows/adjustments/workflows/adjust-points"
import { AdminCreateLoyaltyAdjustment } from "../validators"
import { answerErrors } from "../../../../../utils/answer-errors"

const MAX_IDEMPOTENCY_KEY_LENGTH = 200

/**
 * Adjusts the customer's points: `points` > 0 credits, < 0 debits (409 beyond
 * `available`), 0 with `expires_at` moves the expiry of the open lots. The admin is
 * the entry's actor. With an `Idempotency-Key` header a repeat answers the first
 * result and changes nothing.
 */
export const POST = answerErrors(async (
  req: AuthenticatedMedusaRequest<AdminCreateLoyaltyAdjustment>,
  res: MedusaResponse<AdminLoyaltyAdjustmentResponse>
) => {
  const customerId = req.params.id
  const { result } = await adjustLoyaltyPointsWorkflow(req.scope).run({
    input: {
      ...req.validatedBody,
      customer_id: customerId,
      idempotency_key: adjustmentIdempotencyKey(customerId, req.get("idempotency-key")),
      actor_type: "user",
      actor_id: req.auth_context.actor_id,
    },
  })
  const loyalty_account = await retrieveLoyaltyAccountView(req.scope, customerId, { with_customer: true })
  res.json({ loyalty_account, entry: toLoyaltyEntryView(result.entry) })
})

/**
 * The ledger key of this adjustment: the caller's `Idempotency-Key`, namespaced by
 * route and customer so it can never collide with another kind of change, or a fresh
 * one when the caller sent none.
 */
function adjustmentIdempotencyKey(customerId: string, header: string | undefined) {
  if (header === undefined) {
    return `adjust:${customerId}:${generateEntityId(undefined, "auto")}`
  }
  const key = header.trim()
  if (!key || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Idempotency-Key header must be a non-empty text of at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`
    )
  }
  return `adjust:${customerId}:${key}`
}
