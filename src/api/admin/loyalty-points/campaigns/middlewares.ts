import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { listLoyaltyCampaignsQueryConfig, retrieveLoyaltyCampaignQueryConfig } from "./query-config"
import {
  AdminCreateLoyaltyCampaignSchema,
  AdminGetLoyaltyCampaignSchema,
  AdminGetLoyaltyCampaignsSchema,
  AdminUpdateLoyaltyCampaignSchema,
} from "./validators"

/** Validation of the campaign routes; Medusa already requires an admin on `/admin/*`. */
export const adminLoyaltyCampaignsMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/loyalty-points/campaigns",
    middlewares: [validateAndTransformQuery(AdminGetLoyaltyCampaignsSchema, listLoyaltyCampaignsQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/loyalty-points/campaigns",
    middlewares: [
      validateAndTransformBody(AdminCreateLoyaltyCampaignSchema),
      validateAndTransformQuery(AdminGetLoyaltyCampaignSchema, retrieveLoyaltyCampaignQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/loyalty-points/campaigns/:id",
    middlewares: [
      validateAndTransformBody(AdminUpdateLoyaltyCampaignSchema),
      validateAndTransformQuery(AdminGetLoyaltyCampaignSchema, retrieveLoyaltyCampaignQueryConfig),
    ],
  },
]
