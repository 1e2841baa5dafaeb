import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { AdminListReconciliationRunsSchema } from "./validators"

export const adminReconciliationReportMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/loyalty-points/reports/reconciliation",
    middlewares: [validateAndTransformQuery(AdminListReconciliationRunsSchema, {})],
  },
]
