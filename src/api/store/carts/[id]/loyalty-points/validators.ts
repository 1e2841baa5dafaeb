import { z } from "@medusajs/framework/zod"

export const StoreApplyLoyaltyPointsSchema = z
  .object({
    points: z
      .number({ error: "Field 'points' must be a whole number of points" })
      .int({ message: "Field 'points' must be a whole number of points" })
      .positive({ message: "Field 'points' must be at least 1" })
      .max(1_000_000_000, { message: "Field 'points' is too large" }),
    otp: z
      .string()
      .regex(/^\d{6}$/, { message: "Field 'otp' must be the 6-digit code that was sent" })
      .optional(),
  })
  .strict()

export type StoreApplyLoyaltyPointsBody = z.infer<typeof StoreApplyLoyaltyPointsSchema>
