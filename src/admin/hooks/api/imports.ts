import { FetchError } from "@medusajs/js-sdk"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"
import { loyaltyPointsQueryKeys } from "./loyalty-points"

export type ImportRowInput = {
  customer_id?: string
  email?: string
  points: string | number
  reason?: string
  expires_at?: string
}

export type ImportRowOutcome = {
  row: number
  customer_id: string
  email: string | null
  points: number
  reason: string
  expires_at: string | null
  outcome: "credit" | "debit"
  balance_after: number
}

export type ImportCheck = {
  dry_run: true
  row_count: number
  total_points: number
  requires_approval: boolean
  approval_threshold: number | null
  valid: boolean
  rows: ImportRowOutcome[]
  errors: { row: number; message: string }[]
}

export type ImportRecord = {
  id: string
  status: "pending" | "pending_approval" | "applied" | "rejected"
  row_count: number
  total_points: number
  note: string | null
  created_by: string | null
  reviewed_by: string | null
  reviewed_at: string | null
  applied_at: string | null
  created_at: string
}

const IMPORTS = "/admin/loyalty-points/imports"

/** The dry run of an import: every good row's outcome and every bad row's error. */
export const useCheckImport = () =>
  useMutation<ImportCheck, FetchError, { rows: ImportRowInput[] }>({
    mutationFn: ({ rows }) => sdk.client.fetch<ImportCheck>(IMPORTS, { method: "POST", body: { rows, dry_run: true } }),
  })

export const useApplyImport = () => {
  const queryClient = useQueryClient()
  return useMutation<
    { import: ImportRecord; entries_written: number },
    FetchError,
    { rows: ImportRowInput[]; note?: string; idempotencyKey: string }
  >({
    mutationFn: ({ rows, note, idempotencyKey }) =>
      sdk.client.fetch(IMPORTS, { method: "POST", body: { rows, note: note || undefined }, headers: { "Idempotency-Key": idempotencyKey } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: loyaltyPointsQueryKeys.all }),
  })
}

export const useImports = () =>
  useQuery({
    queryKey: loyaltyPointsQueryKeys.imports(),
    queryFn: () => sdk.client.fetch<{ imports: ImportRecord[]; count: number }>(IMPORTS, { query: { limit: 20 } }),
  })

export const useReviewImport = () => {
  const queryClient = useQueryClient()
  return useMutation<{ import: ImportRecord }, FetchError, { id: string; action: "approve" | "reject" }>({
    mutationFn: ({ id, action }) => sdk.client.fetch(`${IMPORTS}/${id}/${action}`, { method: "POST", body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: loyaltyPointsQueryKeys.all }),
  })
}

export const useCurrentUser = () =>
  useQuery({
    queryKey: [...loyaltyPointsQueryKeys.all, "me"],
    queryFn: () => sdk.client.fetch<{ user: { id: string; email: string } }>("/admin/users/me"),
  })
