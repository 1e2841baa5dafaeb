import { useQuery } from "@tanstack/react-query"
import type { SummaryReport } from "../../../workflows/reports/utils/summary-report"
import { sdk } from "../../lib/sdk"
import { loyaltyPointsQueryKeys } from "./loyalty-points"

export type { SummaryReport }

export type SummaryReportQuery = { from: string; to: string; currency_code?: string; granularity?: "week" | "month" }

/**
 * The programme's report (`GET /admin/loyalty-points/reports/summary`).
 *
 * @example
 * const { data } = useSummaryReport({ from: "2026-01-01", to: "2026-12-31" })
 */
export const useSummaryReport = (query: SummaryReportQuery) =>
  useQuery({
    queryKey: loyaltyPointsQueryKeys.report(query),
    queryFn: () =>
      sdk.client.fetch<{ summary: SummaryReport }>("/admin/loyalty-points/reports/summary", {
        query: Object.fromEntries(Object.entries(query).filter(([, value]) => value)),
      }),
    placeholderData: (previous) => previous,
  })
