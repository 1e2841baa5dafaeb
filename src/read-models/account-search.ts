import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { LoyaltyAccountView } from "../types"
import {
  buildLoyaltyAccountViews,
  LOYALTY_ACCOUNT_CUSTOMER_FIELDS,
  LOYALTY_ACCOUNT_FIELDS,
  LoyaltyAccountViewSource,
} from "./account-views"

export type LoyaltyAccountSearch = {
  /** Words that each must appear in the customer's email, first or last name; or an account id or referral code. */
  q?: string
  /** Tier ids. */
  tier?: string[]
  /** A field of the account, `-` first for descending (`-balance`). */
  order: string
  limit: number
  offset: number
  currency_code?: string
}

/**
 * Loyalty accounts with their customer's email and name: searched by `q`, filtered by
 * `tier`, sorted by `order` (`-balance` for the biggest balances first), as account
 * views. A fixed number of queries per page.
 *
 * @example
 * const { loyalty_accounts, count } = await searchLoyaltyAccounts(req.scope, { q: "ada", order: "-balance", limit: 20, offset: 0 })
 */
export async function searchLoyaltyAccounts(
  container: MedusaContainer,
  search: LoyaltyAccountSearch
): Promise<{ loyalty_accounts: LoyaltyAccountView[]; count: number }> {
  const { q, tier, order, limit, offset, currency_code } = search
  const filters: Record<string, unknown> = {}
  if (tier?.length) {
    filters.tier_id = tier
  }
  if (q) {
    // Query cannot filter accounts on customer fields: find the customers first.
    const customerIds = await searchCustomerIds(container, q)
    filters.$or = [{ customer_id: customerIds }, { id: q }, { referral_code: q }]
  }

  const descending = order.startsWith("-")
  const field = descending ? order.slice(1) : order
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data, metadata } = await query.graph({
    entity: "loyalty_account",
    fields: [...LOYALTY_ACCOUNT_FIELDS, ...LOYALTY_ACCOUNT_CUSTOMER_FIELDS],
    filters,
    pagination: {
      skip: offset,
      take: limit,
      // The id breaks ties so that pages never overlap.
      order: { [field]: descending ? "DESC" : "ASC", id: "ASC" },
    },
  })
  const loyalty_accounts = await buildLoyaltyAccountViews(container, data as unknown as LoyaltyAccountViewSource[], {
    currency_code,
    with_customer: true,
  })
  return { loyalty_accounts, count: metadata?.count ?? loyalty_accounts.length }
}
/** Customers whose email, first name or last name contains every word of `q`. */
async function searchCustomerIds(container: MedusaContainer, q: string): Promise<string[]> {
  const customerModule = container.resolve(Modules.CUSTOMER)
  let matching: Set<string> | null = null
  for (const term of q.split(/\s+/).filter(Boolean)) {
    const found = await customerModule.listCustomers({ q: term }, { select: ["id"] })
    const ids: string[] = found.map((customer) => customer.id)
    matching = matching === null ? new Set(ids) : new Set(ids.filter((id) => matching!.has(id)))
    if (!matching.size) {
      break
    }
  }
  return [...(matching ?? [])]
}
