import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { AdminGetSummaryReportSchema } from "./validators"

export const adminSummaryReportMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/loyalty-points/reports/summary",
    middlewares: [validateAndTransformQuery(AdminGetSummaryReportSchema, { defaults: [], isList: false })],
  },
]
