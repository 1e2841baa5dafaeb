import { MiddlewareRoute, validateAndTransformBody } from "@medusajs/framework/http"
import { CreateVoucherSchema } from "../../../../../utils/voucher-validators"

export const adminLoyaltyVoucherMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/admin/customers/:id/loyalty-points/vouchers",
    middlewares: [validateAndTransformBody(CreateVoucherSchema)],
  },
]
