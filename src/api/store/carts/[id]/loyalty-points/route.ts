import { randomUUID } from "crypto"
import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { retrieveCartLoyaltyView } from "../../../../../read-models/cart-points"
import { applyLoyaltyPointsWorkflow, removeLoyaltyPointsWorkflow } from "../../../../../workflows/redemption"
import { answerErrors } from "../../../../utils/answer-errors"
import { StoreApplyLoyaltyPointsBody } from "./validators"

/** The cart's loyalty state for its own customer (see read-models/cart-points.ts). */
const cartLoyaltyView = (req: AuthenticatedMedusaRequest, cartId: string) =>
  retrieveCartLoyaltyView(req.scope, cartId, req.auth_context.actor_id)

export const GET = answerErrors(async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json({ loyalty_points: await cartLoyaltyView(req, req.params.id) })
})

export const POST = answerErrors(async function POST(
  req: AuthenticatedMedusaRequest<StoreApplyLoyaltyPointsBody>,
  res: MedusaResponse
) {
  const customerId = req.auth_context.actor_id
  const header = req.get("Idempotency-Key")
  await applyLoyaltyPointsWorkflow(req.scope).run({
    input: {
      cart_id: req.params.id,
      customer_id: customerId,
      points: req.validatedBody.points,
      otp: req.validatedBody.otp ?? null,
      idempotency_key: header ? `apply:${req.params.id}:${header}` : `apply:${req.params.id}:${randomUUID()}`,
    },
  })
  res.json({ loyalty_points: await cartLoyaltyView(req, req.params.id) })
})

export const DELETE = answerErrors(async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await removeLoyaltyPointsWorkflow(req.scope).run({
    input: { cart_id: req.params.id, customer_id: req.auth_context.actor_id },
  })
  res.json({ loyalty_points: await cartLoyaltyView(req, req.params.id) })
})
