import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ILoyaltyPointsModuleService } from "../../../types"
import { LOYALTY_POINTS_MODULE } from "../../../types/module"
import { computeEarnablePoints, EarnableBreakdown } from "../utils/compute-earnable-points"
import { OrderForEarning } from "../utils/order-for-earning"

export const computeOrderEarningStepId = "loyalty-points-compute-order-earning"

export type ComputeOrderEarningInput = {
  order: Pick<OrderForEarning, "currency_code" | "lines" | "shipping" | "created_at">
  account_id: string | null
  /** The tier multiplier to use instead of the account's current one (an order edit keeps the one it was placed with). */
  tier_multiplier?: number | null
}

/**
 * Computes the points an order (or cart) earns with the programme's settings, the
 * earning rules active when it was placed and the customer's tier multiplier.
 *
 * @example
 * const breakdown = computeOrderEarningStep({ order, account_id: account.id })
 */
export const computeOrderEarningStep = createStep(
  computeOrderEarningStepId,
  async (input: ComputeOrderEarningInput, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    return new StepResponse<EarnableBreakdown>(await computeEarningFor(loyalty, input))
  }
)

/** Shared by the order workflows and the cart's read route. */
export async function computeEarningFor(
  loyalty: ILoyaltyPointsModuleService,
  input: ComputeOrderEarningInput
): Promise<EarnableBreakdown> {
  const placedAt = new Date(input.order.created_at ?? Date.now())
  const [settings, rules, tierStatus] = await Promise.all([
    loyalty.getProgramSettings(),
    loyalty.listActiveEarningRules(placedAt),
    input.account_id && input.tier_multiplier == null ? loyalty.retrieveTierStatus(input.account_id) : Promise.resolve(null),
  ])
  return computeEarnablePoints({
    currency_code: input.order.currency_code,
    lines: input.order.lines,
    shipping: input.order.shipping,
    settings,
    rules: rules.map((rule) => ({
      id: rule.id,
      action: rule.action,
      multiplier: rule.multiplier === null ? null : Number(rule.multiplier),
      target_type: rule.target_type,
      target_ids: rule.target_ids,
    })),
    tier_multiplier: input.tier_multiplier ?? tierStatus?.tier?.earn_multiplier ?? 1,
    // Dated campaigns ("double points this weekend") plug in here when they land.
    campaign_multiplier: 1,
  })
}
