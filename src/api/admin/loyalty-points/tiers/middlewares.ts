import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { listLoyaltyTiersQueryConfig, retrieveLoyaltyTierQueryConfig } from "./query-config"
import {
  AdminCreateLoyaltyTierSchema,
  AdminGetLoyaltyTierSchema,
  AdminGetLoyaltyTiersSchema,
  AdminUpdateLoyaltyTierSchema,
} from "./validators"

/** Validation of the tier routes; Medusa already requires an admin on `/admin/*`. */
export const adminLoyaltyTiersMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/loyalty-points/tiers",
    middlewares: [validateAndTransformQuery(AdminGetLoyaltyTiersSchema, listLoyaltyTiersQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/loyalty-points/tiers",
    middlewares: [
      validateAndTransformBody(AdminCreateLoyaltyTierSchema),
      validateAndTransformQuery(AdminGetLoyaltyTierSchema, retrieveLoyaltyTierQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/loyalty-points/tiers/:id",
    middlewares: [
      validateAndTransformBody(AdminUpdateLoyaltyTierSchema),
      validateAndTransformQuery(AdminGetLoyaltyTierSchema, retrieveLoyaltyTierQueryConfig),
    ],
  },
]
