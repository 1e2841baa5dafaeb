import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import LoyaltyPointsModuleService from "../../../../../modules/loyalty-points/service"
import { LOYALTY_POINTS_MODULE } from "../../../../../types/module"
import { computeEarningFor } from "../../../../../workflows/earning/steps/compute-order-earning"
import { EARNING_LINE_FIELDS, toAmount, toEarnableLines } from "../../../../../workflows/earning/utils/order-for-earning"
import { maxRedeemablePoints } from "../../../../../workflows/redemption/utils/max-redeemable-points"

/**
 * The cart's loyalty state for its own customer: points available, the most this cart
 * can take, what is applied, and what the cart would earn as it stands. Someone else's
 * cart answers 404, with no hint that it exists.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: ["id", "customer_id", "currency_code", "item_total", ...EARNING_LINE_FIELDS],
    filters: { id: req.params.id },
  })
  const cart = data[0]
  if (!cart || cart.customer_id !== req.auth_context.actor_id) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart id not found: ${req.params.id}`)
  }
  const loyalty = req.scope.resolve<LoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const account = await loyalty.retrieveOrCreateAccount(cart.customer_id)
  const [settings, earning] = await Promise.all([
    loyalty.getProgramSettings(account.program_id),
    computeEarningFor(loyalty, {
      order: { currency_code: cart.currency_code, created_at: new Date(), ...toEarnableLines(cart) },
      account_id: account.id,
    }),
  ])
  res.json({
    loyalty_points: {
      cart_id: cart.id,
      currency_code: cart.currency_code,
      available: account.available,
      max_redeemable_points: maxRedeemablePoints({
        available: account.available,
        item_total: toAmount(cart.item_total),
        currency_code: cart.currency_code,
        settings,
      }),
      applied_points: 0,
      discount_amount: 0,
      earnable_points: earning.points,
      earning,
    },
  })
}
