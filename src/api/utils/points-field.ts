import { z } from "@medusajs/framework/zod"

/** A positive whole number of points, as the store's redemption routes take it. */
export const PointsField = z
  .number({ error: "Field 'points' must be a whole number of points" })
  .int({ message: "Field 'points' must be a whole number of points" })
  .positive({ message: "Field 'points' must be at least 1" })
  .max(1_000_000_000, { message: "Field 'points' is too large" })
