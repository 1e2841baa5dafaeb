import { FetchError } from "@medusajs/js-sdk"
import { QueryKey, useQuery, UseQueryOptions } from "@tanstack/react-query"
// Type-only: erased from the bundle, so the widget reads the very shape the route answers.
import type { AdminLoyaltyAccountResponse } from "../../../types"
import { sdk } from "../../lib/sdk"

/** `GET /admin/customers/:id/loyalty-points` query: the account's currency and a page of its history. */
export type AdminCustomerLoyaltyPointsQuery = {
  currency_code?: string
  limit?: number
  offset?: number
}

const LOYALTY_POINTS_QUERY_KEY = "loyalty_points" as const

/**
 * Query keys of the loyalty points admin data. Everything starts with `["loyalty_points"]`,
 * so a mutation (an adjustment, an import) can invalidate all of it at once, or one
 * customer's data with `customer(id)`.
 */
export const loyaltyPointsQueryKeys = {
  all: [LOYALTY_POINTS_QUERY_KEY] as const,
  customers: () => [...loyaltyPointsQueryKeys.all, "customer"] as const,
  customer: (customerId: string, query?: AdminCustomerLoyaltyPointsQuery) =>
    query
      ? ([...loyaltyPointsQueryKeys.customers(), customerId, query] as const)
      : ([...loyaltyPointsQueryKeys.customers(), customerId] as const),
}

/**
 * A customer's loyalty account (figures, tier, next tier, expiring points) and the
 * latest page of its ledger. A customer with no activity yet answers an account of zeros.
 *
 * @example
 * const { data, isPending, isError } = useCustomerLoyaltyPoints(customer.id, { limit: 5 })
 */
export const useCustomerLoyaltyPoints = (
  customerId: string,
  query?: AdminCustomerLoyaltyPointsQuery,
  options?: Omit<
    UseQueryOptions<AdminLoyaltyAccountResponse, FetchError, AdminLoyaltyAccountResponse, QueryKey>,
    "queryKey" | "queryFn"
  >
) => {
  return useQuery({
    queryKey: loyaltyPointsQueryKeys.customer(customerId, query),
    queryFn: () =>
      sdk.client.fetch<AdminLoyaltyAccountResponse>(`/admin/customers/${customerId}/loyalty-points`, {
        method: "GET",
        query,
      }),
    ...options,
  })
}
