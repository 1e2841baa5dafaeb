import { MiddlewareRoute, validateAndTransformBody } from "@medusajs/framework/http"
import { AdminUpdateProgramSchema } from "./validators"

export const adminProgramMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/admin/loyalty-points/program",
    middlewares: [validateAndTransformBody(AdminUpdateProgramSchema)],
  },
]
