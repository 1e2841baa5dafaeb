import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { checkLoyaltyPointsHealth, LoyaltyPointsHealth } from "../../../../health/check-health"

/**
 * Is the plugin installed right in this store? Migrations, options, hook handlers,
 * currencies without an earn rate. 200 when healthy, 503 when a check failed; the body
 * is the same either way. Read-only.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<LoyaltyPointsHealth>) {
  const health = await checkLoyaltyPointsHealth(req.scope)
  res.status(health.healthy ? 200 : 503).json(health)
}
