import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { summaryToCsv } from "../../../../../workflows/reports/utils/summary-csv"
import { buildSummaryReport } from "../../../../../workflows/reports/utils/summary-report"
import { AdminGetSummaryReportParams, resolveReportRange } from "./validators"

/**
 * The programme's liability and performance over a range (`from` included, `to`
 * excluded), computed in SQL; `format=csv` answers the same figures as a CSV file.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminGetSummaryReportParams>, res: MedusaResponse) {
  const { currency_code, format } = req.validatedQuery
  const { from, to, granularity } = resolveReportRange(req.validatedQuery)
  const summary = await buildSummaryReport(req.scope, { from, to, currency_code, granularity })
  if (format === "csv") {
    res.setHeader("content-type", "text/csv; charset=utf-8")
    res.setHeader("content-disposition", `attachment; filename="loyalty-points-summary.csv"`)
    res.send(summaryToCsv(summary))
    return
  }
  res.json({ summary })
}
