import { FetchError } from "@medusajs/js-sdk"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import type { AdminLoyaltyAccountListResponse } from "../../../types"
import { sdk } from "../../lib/sdk"
import { loyaltyPointsQueryKeys } from "./loyalty-points"

/* Everything the settings and the Loyalty points page read and write. */

export type ProgramView = Record<string, any> & {
  earn_rates: Record<string, number>
  redemption_values: Record<string, number>
  min_order_amounts: Record<string, number>
}

export type TierRecord = {
  id: string
  name: string
  rank: number
  threshold: number
  threshold_type: "points" | "spend"
  window_months: number
  earn_multiplier: number
  description: string | null
}

export type RuleRecord = {
  id: string
  name: string
  action: "multiplier" | "exclude"
  multiplier: number | null
  target_type: string
  target_ids: string[]
  starts_at: string | null
  ends_at: string | null
  is_active: boolean
}

/** A campaign as issue 10's `/admin/loyalty-points/campaigns` answers it. */
export type CampaignRecord = {
  id: string
  name: string
  starts_at: string | null
  ends_at: string | null
  multiplier: number
  tier_ids?: string[] | null
  sales_channel_ids?: string[] | null
  [field: string]: unknown
}

const get = <T,>(url: string, query?: Record<string, unknown>) => sdk.client.fetch<T>(url, { query })
const post = <T,>(url: string, body: Record<string, unknown>) => sdk.client.fetch<T>(url, { method: "POST", body })
const remove = <T,>(url: string) => sdk.client.fetch<T>(url, { method: "DELETE" })

export const useProgram = () =>
  useQuery({ queryKey: loyaltyPointsQueryKeys.program(), queryFn: () => get<{ program: ProgramView }>("/admin/loyalty-points/program") })

export const useUpdateProgram = () => {
  const queryClient = useQueryClient()
  return useMutation<{ program: ProgramView }, FetchError, Record<string, unknown>>({
    mutationFn: (body) => post("/admin/loyalty-points/program", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: loyaltyPointsQueryKeys.all }),
  })
}

/** The store's currencies, so every one of them gets an earn rate and a redemption value. */
export const useStoreCurrencies = () =>
  useQuery({
    queryKey: [...loyaltyPointsQueryKeys.all, "store-currencies"],
    queryFn: async () => {
      const { stores } = await get<{ stores: { supported_currencies?: { currency_code: string; is_default?: boolean }[] }[] }>(
        "/admin/stores",
        { fields: "id,*supported_currencies" }
      )
      return (stores[0]?.supported_currencies ?? []).map((currency) => currency.currency_code.toLowerCase())
    },
  })

/**
 * List, create, update and delete of one configuration resource (tiers, rules,
 * campaigns): `GET|POST /admin/loyalty-points/<resource>`, `POST|DELETE .../:id`.
 */
function resourceHooks<T extends { id: string }>(resource: string, listKey: string, itemKey: string, queryKey: () => readonly unknown[]) {
  const base = `/admin/loyalty-points/${resource}`
  const useList = (options?: { retry?: boolean | number }) =>
    useQuery({
      queryKey: queryKey(),
      queryFn: async () => (await get<Record<string, T[]>>(base))[listKey] ?? [],
      ...options,
    })
  const useSave = () => {
    const queryClient = useQueryClient()
    return useMutation<T, FetchError, { id?: string; body: Record<string, unknown> }>({
      mutationFn: async ({ id, body }) => (await post<Record<string, T>>(id ? `${base}/${id}` : base, body))[itemKey],
      onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKey() }),
    })
  }
  const useDelete = () => {
    const queryClient = useQueryClient()
    return useMutation<unknown, FetchError, string>({
      mutationFn: (id) => remove(`${base}/${id}`),
      onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKey() }),
    })
  }
  return { useList, useSave, useDelete }
}

export const tierHooks = resourceHooks<TierRecord>("tiers", "tiers", "tier", loyaltyPointsQueryKeys.tiers)
export const ruleHooks = resourceHooks<RuleRecord>("rules", "rules", "rule", loyaltyPointsQueryKeys.rules)
export const campaignHooks = resourceHooks<CampaignRecord>("campaigns", "campaigns", "campaign", loyaltyPointsQueryKeys.campaigns)

export type AccountsQuery = { q?: string; tier?: string[]; order?: string; limit: number; offset: number }

export const useLoyaltyAccounts = (query: AccountsQuery) =>
  useQuery({
    queryKey: loyaltyPointsQueryKeys.accounts(query),
    queryFn: () => get<AdminLoyaltyAccountListResponse>("/admin/loyalty-points/accounts", { ...query, tier: query.tier?.join(",") || undefined }),
    placeholderData: (previous) => previous,
  })

/** The store's sales channels, for campaigns limited to some of them. */
export const useSalesChannels = () =>
  useQuery({
    queryKey: [...loyaltyPointsQueryKeys.all, "sales-channels"],
    queryFn: async () =>
      (await get<{ sales_channels: { id: string; name: string }[] }>("/admin/sales-channels", { limit: 100, fields: "id,name" }))
        .sales_channels,
  })
