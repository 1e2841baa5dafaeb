import type { SummaryReport } from "./summary-report"

/* Pure: the admin's report page builds its CSV export with the very same function. */

const cell = (value: unknown) => {
  const text = value === null || value === undefined ? "" : String(value)
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * The report as CSV: one `section,key,value` line per figure, then the series.
 *
 * @example
 * res.send(summaryToCsv(summary))
 */
export function summaryToCsv(summary: SummaryReport): string {
  const lines: unknown[][] = [["section", "key", "value"]]
  lines.push(["range", "from", summary.from], ["range", "to", summary.to])
  for (const key of ["outstanding_points", "pending_points", "earned", "redeemed", "expired", "clawed_back", "adjusted", "redemption_rate"] as const) {
    lines.push(["totals", key, summary[key]])
  }
  for (const row of summary.liability) lines.push(["liability", row.currency_code, row.amount])
  for (const row of summary.sales) {
    lines.push(["sales_members", row.currency_code, row.members.amount], ["sales_others", row.currency_code, row.others.amount])
    lines.push(["orders_members", row.currency_code, row.members.orders], ["orders_others", row.currency_code, row.others.orders])
  }
  lines.push(["repeat_purchase", "rate", summary.repeat_purchase.rate])
  for (const row of summary.tiers) lines.push(["tiers", row.name, row.accounts])
  for (const row of summary.campaigns) lines.push(["campaigns", row.name ?? row.campaign_id, row.points])
  lines.push([])
  const currencies = summary.liability.map((row) => row.currency_code)
  lines.push(["period", "earned", "redeemed", "expired", "outstanding_points", ...currencies.map((code) => `liability_${code}`)])
  for (const row of summary.series) {
    lines.push([row.period, row.earned, row.redeemed, row.expired, row.outstanding_points, ...currencies.map((code) => row.liability[code])])
  }
  return lines.map((line) => line.map(cell).join(",")).join("\n") + "\n"
}
