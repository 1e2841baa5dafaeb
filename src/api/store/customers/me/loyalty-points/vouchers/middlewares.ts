import { MiddlewareRoute, validateAndTransformBody } from "@medusajs/framework/http"
import { CreateVoucherSchema } from "../../../../../utils/voucher-validators"

export const storeLoyaltyVoucherMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/store/customers/me/loyalty-points/vouchers",
    middlewares: [validateAndTransformBody(CreateVoucherSchema)],
  },
]
