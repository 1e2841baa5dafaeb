import { z } from "@medusajs/framework/zod"
import { CurrencyCodeParam } from "../../../../utils/account-validators"
import { isIsoDate } from "../../../../../utils/iso-date"

const DAY = 24 * 60 * 60 * 1000
/** The longest range a report covers: 5 years of weeks is 260 points of a series. */
const MAX_RANGE_DAYS = 5 * 366

const dateParam = (field: string) =>
  z
    .string()
    .refine(isIsoDate, `Field '${field}' must be a date (ISO 8601), e.g. 2026-01-01`)
    .transform((value) => new Date(value))

/**
 * `?from&to&currency_code&granularity&format`: the range defaults to the last 12 months
 * up to now (`resolveReportRange`); `granularity` to month for ranges over 90 days,
 * week otherwise.
 */
export const AdminGetSummaryReportSchema = z
  .object({
    from: dateParam("from").optional(),
    to: dateParam("to").optional(),
    currency_code: CurrencyCodeParam.optional(),
    granularity: z.enum(["week", "month"]).optional(),
    format: z.enum(["json", "csv"]).default("json"),
  })
  .strict()
  .superRefine((query, ctx) => {
    // Zod runs this even when a date failed its own check: only whole dates are compared.
    const isDateOrAbsent = (value: unknown) => value === undefined || value instanceof Date
    if (!isDateOrAbsent(query.from) || !isDateOrAbsent(query.to)) {
      return
    }
    const { from, to } = resolveReportRange(query)
    if (from.getTime() >= to.getTime()) {
      ctx.addIssue({ code: "custom", path: ["from"], message: "Field 'from' must be before 'to'" })
    } else if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY) {
      ctx.addIssue({ code: "custom", path: ["from"], message: `The range from 'from' to 'to' is at most ${MAX_RANGE_DAYS} days` })
    }
  })
export type AdminGetSummaryReportParams = z.infer<typeof AdminGetSummaryReportSchema>

/** The report's range and granularity, defaults filled in. */
export function resolveReportRange(query: { from?: Date; to?: Date; granularity?: "week" | "month" }) {
  const to = query.to ?? new Date()
  const from = query.from ?? new Date(Date.UTC(to.getUTCFullYear() - 1, to.getUTCMonth(), to.getUTCDate()))
  const granularity = query.granularity ?? (to.getTime() - from.getTime() > 90 * DAY ? "month" : "week")
  return { from, to, granularity }
}
