import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ILoyaltyPointsModuleService } from "../../../types"
import { LOYALTY_POINTS_MODULE } from "../../../types/module"
import { computeEarnablePoints, EarnableBreakdown } from "../utils/compute-earnable-points"
import { listEarnCampaigns } from "../utils/earn-campaigns"
import { OrderForEarning } from "../utils/order-for-earning"

export const computeOrderEarningStepId = "loyalty-points-compute-order-earning"

export type ComputeOrderEarningInput = {
  order: Pick<OrderForEarning, "currency_code" | "lines" | "shipping" | "created_at"> & {
    sales_channel_id?: string | null
  }
  account_id: string | null
  /** The tier multiplier to use instead of the account's current one (an order edit keeps the one it was placed with). */
  tier_multiplier?: number | null
}

/**
 * Computes the points an order (or cart) earns with the programme's settings, the
 * earning rules and campaigns active when it was placed and the customer's tier multiplier.
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
    // Read without failing for an account not stored yet (a cart's first look).
    input.account_id
      ? loyalty.retrieveTierStatuses([input.account_id]).then((statuses) => statuses.get(input.account_id!) ?? null)
      : Promise.resolve(null),
  ])
  const campaigns = await listEarnCampaigns(loyalty, {
    at: placedAt,
    tier_id: tierStatus?.tier?.id ?? null,
    sales_channel_id: input.order.sales_channel_id ?? null,
  })
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
    campaigns,
  })
}
