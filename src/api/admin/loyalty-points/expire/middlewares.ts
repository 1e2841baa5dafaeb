import { MiddlewareRoute, validateAndTransformBody } from "@medusajs/framework/http"
import { AdminRunExpirySchema } from "./validators"

export const adminLoyaltyExpiryMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/admin/loyalty-points/expire",
    middlewares: [validateAndTransformBody(AdminRunExpirySchema)],
  },
]
