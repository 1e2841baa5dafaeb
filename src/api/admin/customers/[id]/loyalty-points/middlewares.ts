import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { retrieveCustomerLoyaltyPointsQueryConfig } from "./query-config"
import {
  AdminCreateLoyaltyAdjustmentSchema,
  AdminGetCustomerLoyaltyPointsSchema,
  AdminUpdateCustomerLoyaltyPointsSchema,
} from "./validators"

/** A customer's points on the admin customer page: the account with history, and adjustments. */
export const adminCustomerLoyaltyPointsMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/customers/:id/loyalty-points",
    middlewares: [
      validateAndTransformQuery(AdminGetCustomerLoyaltyPointsSchema, retrieveCustomerLoyaltyPointsQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/customers/:id/loyalty-points",
    middlewares: [
      validateAndTransformBody(AdminUpdateCustomerLoyaltyPointsSchema),
      validateAndTransformQuery(AdminGetCustomerLoyaltyPointsSchema, retrieveCustomerLoyaltyPointsQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/customers/:id/loyalty-points/adjustments",
    middlewares: [validateAndTransformBody(AdminCreateLoyaltyAdjustmentSchema)],
  },
]
