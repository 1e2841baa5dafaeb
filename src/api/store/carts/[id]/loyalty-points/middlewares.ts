import { authenticate, MiddlewareRoute } from "@medusajs/framework/http"

export const storeCartLoyaltyPointsMiddlewares: MiddlewareRoute[] = [
  {
    // Medusa's own cart routes do not check ownership; this one checks the customer.
    matcher: "/store/carts/:id/loyalty-points",
    middlewares: [authenticate("customer", ["session", "bearer"])],
  },
]
