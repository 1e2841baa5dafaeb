import { MedusaContainer } from "@medusajs/framework/types"
import { LedgerAccountDTO, LOYALTY_POINTS_MODULE, LoyaltyAccountTierView, type ILoyaltyPointsModuleService } from "../../../types"

/** What the tier view needs of an account. */
export type TierViewAccount = Pick<LedgerAccountDTO, "id" | "tier_id" | "lifetime_earned">

/**
 * The one place that says which tier an account is in and what the next tier is
 * (with `points_needed`), for every account view (store and admin account routes,
 * admin list). Takes all the accounts of a page at once and answers with a fixed
 * number of queries, never one per account.
 *
 * @example
 * const views = await resolveTierViews(req.scope, [account])
 * const { tier, next_tier } = views.get(account.id)!
 */
export async function resolveTierViews(
  container: MedusaContainer,
  accounts: TierViewAccount[]
): Promise<Map<string, LoyaltyAccountTierView>> {
  const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const statuses = await loyalty.retrieveTierStatuses(accounts.map((account) => account.id))
  return new Map(
    accounts.map((account) => {
      const status = statuses.get(account.id)
      return [account.id, { tier: status?.tier ?? null, next_tier: status?.next_tier ?? null }]
    })
  )
}
