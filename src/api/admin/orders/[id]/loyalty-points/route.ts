import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { retrieveOrderLoyaltyView } from "../../../../../read-models/order-points"

/** An order's points, entries and their causes (see read-models/order-points.ts). */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  res.json({ loyalty_points: await retrieveOrderLoyaltyView(req.scope, req.params.id) })
}
