import { MedusaContainer } from "@medusajs/framework/types"
import {
  LedgerAccountDTO,
  LOYALTY_POINTS_MODULE,
  LoyaltyAccountTierView,
  LoyaltyTierDTO,
  type ILoyaltyPointsModuleService,
} from "../types"

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
  // An account not stored yet (a customer's zeros view) stands where a new account stands.
  const unstored = accounts.some((account) => !statuses.has(account.id))
  const fresh = unstored ? freshAccountTierView(await loyalty.listTiersByRank()) : null
  return new Map(
    accounts.map((account) => {
      const status = statuses.get(account.id)
      if (!status) {
        return [account.id, fresh!]
      }
      return [account.id, { tier: status.tier ?? null, next_tier: status.next_tier ?? null }]
    })
  )
}

/** The tier view of an account with no tier and nothing qualifying: the lowest tier is next. */
function freshAccountTierView(tiers: LoyaltyTierDTO[]): LoyaltyAccountTierView {
  const next = tiers[0]
  if (!next) {
    return { tier: null, next_tier: null }
  }
  return {
    tier: null,
    next_tier: {
      id: next.id,
      name: next.name,
      rank: next.rank,
      threshold: next.threshold,
      threshold_type: next.threshold_type,
      window_months: next.window_months,
      earn_multiplier: Number(next.earn_multiplier),
      description: next.description ?? null,
      points_needed: Math.max(Math.ceil(next.threshold), 0),
    },
  }
}
