import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { AdminCreateLoyaltyImportSchema, AdminListLoyaltyImportsSchema, AdminReviewLoyaltyImportSchema } from "./validators"

/** 10,000 rows of JSON are about 1 MB: the import takes up to 20 MB. */
const IMPORT_BODY_LIMIT = "20mb"

export const adminLoyaltyImportsMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/loyalty-points/imports",
    middlewares: [validateAndTransformQuery(AdminListLoyaltyImportsSchema, { defaults: [], isList: true })],
  },
  {
    method: ["POST"],
    matcher: "/admin/loyalty-points/imports",
    bodyParser: { sizeLimit: IMPORT_BODY_LIMIT },
    middlewares: [validateAndTransformBody(AdminCreateLoyaltyImportSchema)],
  },
  {
    method: ["POST"],
    matcher: "/admin/loyalty-points/imports/:id/approve",
    middlewares: [validateAndTransformBody(AdminReviewLoyaltyImportSchema)],
  },
  {
    method: ["POST"],
    matcher: "/admin/loyalty-points/imports/:id/reject",
    middlewares: [validateAndTransformBody(AdminReviewLoyaltyImportSchema)],
  },
]
