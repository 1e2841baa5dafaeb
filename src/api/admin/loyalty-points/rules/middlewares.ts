import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { listLoyaltyEarningRulesQueryConfig, retrieveLoyaltyEarningRuleQueryConfig } from "./query-config"
import {
  AdminCreateLoyaltyEarningRuleSchema,
  AdminGetLoyaltyEarningRuleSchema,
  AdminGetLoyaltyEarningRulesSchema,
  AdminUpdateLoyaltyEarningRuleSchema,
} from "./validators"

/** Validation of the earning-rule routes; Medusa already requires an admin on `/admin/*`. */
export const adminLoyaltyEarningRulesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/loyalty-points/rules",
    middlewares: [validateAndTransformQuery(AdminGetLoyaltyEarningRulesSchema, listLoyaltyEarningRulesQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/loyalty-points/rules",
    middlewares: [
      validateAndTransformBody(AdminCreateLoyaltyEarningRuleSchema),
      validateAndTransformQuery(AdminGetLoyaltyEarningRuleSchema, retrieveLoyaltyEarningRuleQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/loyalty-points/rules/:id",
    middlewares: [
      validateAndTransformBody(AdminUpdateLoyaltyEarningRuleSchema),
      validateAndTransformQuery(AdminGetLoyaltyEarningRuleSchema, retrieveLoyaltyEarningRuleQueryConfig),
    ],
  },
]
