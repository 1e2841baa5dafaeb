import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { listLoyaltyAccountsQueryConfig } from "./query-config"
import { AdminListLoyaltyAccountsSchema } from "./validators"

export const adminLoyaltyAccountsMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/loyalty-points/accounts",
    middlewares: [validateAndTransformQuery(AdminListLoyaltyAccountsSchema, listLoyaltyAccountsQueryConfig)],
  },
]
