import { authenticate, MiddlewareRoute, validateAndTransformBody } from "@medusajs/framework/http"
import { StoreApplyLoyaltyPointsSchema } from "./validators"

export const storeCartLoyaltyPointsMiddlewares: MiddlewareRoute[] = [
  {
    // Medusa's own cart routes do not check ownership; these check the customer. With its
    // methods listed the matcher is exact, so the public `/earnable` below stays public.
    method: ["GET", "POST", "DELETE"],
    matcher: "/store/carts/:id/loyalty-points",
    middlewares: [authenticate("customer", ["session", "bearer"])],
  },
  {
    method: ["POST"],
    matcher: "/store/carts/:id/loyalty-points",
    middlewares: [validateAndTransformBody(StoreApplyLoyaltyPointsSchema)],
  },
]
