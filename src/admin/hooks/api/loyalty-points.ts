import { FetchError } from "@medusajs/js-sdk"
import { QueryKey, useMutation, useQuery, useQueryClient, UseQueryOptions } from "@tanstack/react-query"
// Type-only: erased from the bundle, so the widget reads the very shape the route answers.
import type { AdminLoyaltyAccountResponse, AdminLoyaltyAdjustmentResponse } from "../../../types"
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
  order: (orderId: string) => [...loyaltyPointsQueryKeys.all, "order", orderId] as const,
  users: (ids: string[]) => [...loyaltyPointsQueryKeys.all, "users", ids] as const,
  accounts: (query?: Record<string, unknown>) => [...loyaltyPointsQueryKeys.all, "accounts", query ?? {}] as const,
  program: () => [...loyaltyPointsQueryKeys.all, "program"] as const,
  tiers: () => [...loyaltyPointsQueryKeys.all, "tiers"] as const,
  rules: () => [...loyaltyPointsQueryKeys.all, "rules"] as const,
  campaigns: () => [...loyaltyPointsQueryKeys.all, "campaigns"] as const,
  imports: () => [...loyaltyPointsQueryKeys.all, "imports"] as const,
  report: (query: Record<string, unknown>) => [...loyaltyPointsQueryKeys.all, "report", query] as const,
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

/** `POST /admin/customers/:id/loyalty-points/adjustments` body. */
export type AdminAdjustLoyaltyPointsBody = {
  points: number
  reason: string
  note?: string | null
  expires_at?: string | null
}

/**
 * Adjusts a customer's points (a credit, a debit or, with 0 points and a date, an
 * expiry move) and refreshes everything shown of that customer. One idempotency key per
 * submitted form, so a double submit adjusts once.
 *
 * @example
 * const { mutateAsync } = useAdjustLoyaltyPoints(customer.id)
 * await mutateAsync({ body: { points: 100, reason: "goodwill" }, idempotencyKey: crypto.randomUUID() })
 */
export const useAdjustLoyaltyPoints = (customerId: string) => {
  const queryClient = useQueryClient()
  return useMutation<
    AdminLoyaltyAdjustmentResponse,
    FetchError,
    { body: AdminAdjustLoyaltyPointsBody; idempotencyKey: string }
  >({
    mutationFn: ({ body, idempotencyKey }) =>
      sdk.client.fetch<AdminLoyaltyAdjustmentResponse>(`/admin/customers/${customerId}/loyalty-points/adjustments`, {
        method: "POST",
        body,
        headers: { "Idempotency-Key": idempotencyKey },
      }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: loyaltyPointsQueryKeys.customer(customerId) }),
        queryClient.invalidateQueries({ queryKey: [...loyaltyPointsQueryKeys.all, "accounts"] }),
      ]),
  })
}

export type AdminOrderLoyaltyPointsEntry = {
  id: string
  type: string
  points: number
  reason: string | null
  note: string | null
  created_at: string
  money_amount: number | null
  currency_code: string | null
  cause: { type: string; id: string | null; payment_id?: string | null; revision?: number | null } | null
}

export type AdminOrderLoyaltyPointsResponse = {
  loyalty_points: {
    order_id: string
    currency_code: string
    earnable: number
    pending: number
    earned: number
    voided: number
    redeemed: number
    given_back: number
    clawed_back: number
    written_off: number
    reason: string | null
    capped_from: number | null
    entries: AdminOrderLoyaltyPointsEntry[]
  }
}

/**
 * An order's points (`GET /admin/orders/:id/loyalty-points`).
 *
 * @example
 * const { data } = useOrderLoyaltyPoints(order.id)
 */
export const useOrderLoyaltyPoints = (orderId: string) =>
  useQuery({
    queryKey: loyaltyPointsQueryKeys.order(orderId),
    queryFn: () => sdk.client.fetch<AdminOrderLoyaltyPointsResponse>(`/admin/orders/${orderId}/loyalty-points`),
  })

export type AdminUserSummary = { id: string; email: string; first_name: string | null; last_name: string | null }

/**
 * The admins behind a page of entries, by id, so history says who made each change.
 *
 * @example
 * const { data: users } = useUsersById(["user_1"])
 */
export const useUsersById = (ids: string[]) => {
  const unique = [...new Set(ids)].sort()
  return useQuery({
    queryKey: loyaltyPointsQueryKeys.users(unique),
    enabled: unique.length > 0,
    queryFn: async () => {
      const { users } = await sdk.client.fetch<{ users: AdminUserSummary[] }>(`/admin/users`, {
        query: { id: unique, limit: unique.length, fields: "id,email,first_name,last_name" },
      })
      return new Map(users.map((user) => [user.id, user]))
    },
  })
}

/** The admin's name, or their email when they have none. */
export const userLabel = (user: AdminUserSummary | undefined, fallback: string) => {
  if (!user) {
    return fallback
  }
  const name = [user.first_name, user.last_name].filter(Boolean).join(" ")
  return name || user.email
}
