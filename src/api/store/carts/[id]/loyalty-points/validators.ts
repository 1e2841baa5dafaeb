import { z } from "@medusajs/framework/zod"
import { PointsField } from "../../../../utils/points-field"

export const StoreApplyLoyaltyPointsSchema = z
  .object({
    points: PointsField,
    otp: z
      .string()
      .regex(/^\d{6}$/, { message: "Field 'otp' must be the 6-digit code that was sent" })
      .optional(),
  })
  .strict()

export type StoreApplyLoyaltyPointsBody = z.infer<typeof StoreApplyLoyaltyPointsSchema>
