import { MiddlewareRoute } from "@medusajs/framework/http"

/** The resource of every admin route of the plugin (see `src/policies/loyalty-points.ts`). */
export const LOYALTY_POINTS_RESOURCE = "loyalty_points"

type Operation = "read" | "adjust" | "configure"
type Verb = "GET" | "POST" | "DELETE"

/** Each admin route and the permission it needs: read, adjust (points of a customer) or configure. */
export const ADMIN_ROUTE_PERMISSIONS: { matcher: string; methods: Verb[]; operation: Operation }[] = [
  { matcher: "/admin/customers/:id/loyalty-points", methods: ["GET"], operation: "read" },
  { matcher: "/admin/customers/:id/loyalty-points", methods: ["POST"], operation: "adjust" },
  { matcher: "/admin/customers/:id/loyalty-points/vouchers", methods: ["GET"], operation: "read" },
  { matcher: "/admin/customers/:id/loyalty-points/vouchers", methods: ["POST"], operation: "adjust" },
  { matcher: "/admin/customers/:id/loyalty-points/adjustments", methods: ["POST"], operation: "adjust" },
  { matcher: "/admin/loyalty-points/accounts", methods: ["GET"], operation: "read" },
  { matcher: "/admin/orders/:id/loyalty-points", methods: ["GET"], operation: "read" },
  { matcher: "/admin/loyalty-points/program", methods: ["GET"], operation: "read" },
  { matcher: "/admin/loyalty-points/program", methods: ["POST"], operation: "configure" },
  { matcher: "/admin/loyalty-points/tiers", methods: ["GET"], operation: "read" },
  { matcher: "/admin/loyalty-points/tiers", methods: ["POST"], operation: "configure" },
  { matcher: "/admin/loyalty-points/tiers/:id", methods: ["POST", "DELETE"], operation: "configure" },
  { matcher: "/admin/loyalty-points/rules", methods: ["GET"], operation: "read" },
  { matcher: "/admin/loyalty-points/rules", methods: ["POST"], operation: "configure" },
  { matcher: "/admin/loyalty-points/rules/:id", methods: ["POST", "DELETE"], operation: "configure" },
  { matcher: "/admin/loyalty-points/imports", methods: ["GET"], operation: "read" },
  { matcher: "/admin/loyalty-points/imports", methods: ["POST"], operation: "adjust" },
  { matcher: "/admin/loyalty-points/imports/:id", methods: ["GET"], operation: "read" },
  { matcher: "/admin/loyalty-points/imports/:id/approve", methods: ["POST"], operation: "adjust" },
  { matcher: "/admin/loyalty-points/imports/:id/reject", methods: ["POST"], operation: "adjust" },
  { matcher: "/admin/loyalty-points/reports/summary", methods: ["GET"], operation: "read" },
  { matcher: "/admin/loyalty-points/reports/reconciliation", methods: ["GET"], operation: "read" },
  { matcher: "/admin/loyalty-points/health", methods: ["GET"], operation: "read" },
  // Expiring writes points off every account whose lots are due: an adjustment, in bulk.
  { matcher: "/admin/loyalty-points/expire", methods: ["POST"], operation: "adjust" },
  { matcher: "/admin/loyalty-points/campaigns", methods: ["GET"], operation: "read" },
  { matcher: "/admin/loyalty-points/campaigns", methods: ["POST"], operation: "configure" },
  { matcher: "/admin/loyalty-points/campaigns/:id", methods: ["POST", "DELETE"], operation: "configure" },
]

/**
 * Declares the permission of every admin route. Medusa 2.21.2 checks a route's
 * `policies` against the roles in the admin's token only when its `rbac` feature flag
 * is on; without it these entries change nothing.
 */
export const adminLoyaltyPointsPolicyMiddlewares: MiddlewareRoute[] = ADMIN_ROUTE_PERMISSIONS.map((route) => ({
  matcher: route.matcher,
  methods: route.methods,
  policies: [{ resource: LOYALTY_POINTS_RESOURCE, operation: route.operation }],
}))
