import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { AdminGetSummaryReportSchema } from "./validators"

export const adminSummaryReportMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/loyalty-points/reports/summary",
    middlewares: [validateAndTransformQuery(AdminGetSummaryReportSchema as unknown as Parameters<typeof validateAndTransformQuery>[0], { defaults: [], isList: false })],
  },
]
