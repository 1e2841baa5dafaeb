import { z } from "@medusajs/framework/zod"
import { PointsField } from "./points-field"

/** A voucher request: whole points and the currency the code is worth money in. */
export const CreateVoucherSchema = z
  .object({
    points: PointsField,
    currency_code: z
      .string({ error: "Field 'currency_code' is required" })
      .regex(/^[a-zA-Z]{3}$/, { message: "Field 'currency_code' must be a three-letter currency code" })
      .transform((code) => code.toLowerCase()),
    /** The one-time code, when the programme asks for one. */
    otp: z.string().trim().min(1).max(12).optional(),
  })
  .strict()

export type CreateVoucherBody = z.infer<typeof CreateVoucherSchema>
