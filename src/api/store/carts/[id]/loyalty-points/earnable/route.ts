import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../../../../types"
import { computeEarningFor } from "../../../../../../workflows/earning/steps/compute-order-earning"
import { EARNING_LINE_FIELDS, toEarnableLines } from "../../../../../../workflows/earning/utils/order-for-earning"

/** What the guest route answers: base points, before any tier multiplier. */
export type StoreCartEarnablePointsResponse = {
  loyalty_points: {
    cart_id: string
    currency_code: string
    earnable_points: number
    /** Why nothing is earned, when nothing is: `no_earn_rate`, `below_minimum`, `nothing_earnable`. */
    reason: string | null
  }
}

/**
 * The points a cart would earn if its shopper signs in, for anyone holding the cart id
 * (a guest's storefront): the programme's rate and earning rules on the cart as it
 * stands, before any tier multiplier (a guest has no tier). Read-only: it creates no
 * account, holds nothing and tells nothing about the cart's customer.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse<StoreCartEarnablePointsResponse>) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: ["id", "currency_code", "sales_channel_id", ...EARNING_LINE_FIELDS],
    filters: { id: req.params.id },
  })
  const cart = data[0]
  if (!cart) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart id not found: ${req.params.id}`)
  }
  const loyalty = req.scope.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const earning = await computeEarningFor(loyalty, {
    order: {
      currency_code: cart.currency_code,
      created_at: new Date(),
      sales_channel_id: cart.sales_channel_id ?? null,
      ...toEarnableLines(cart),
    },
    account_id: null,
    tier_multiplier: 1,
  })
  res.json({
    loyalty_points: {
      cart_id: cart.id,
      currency_code: cart.currency_code,
      earnable_points: earning.points,
      reason: earning.reason,
    },
  })
}
