import { z } from "@medusajs/framework/zod"

/** A voucher request: whole points and the currency the code is worth money in. */
export const CreateVoucherSchema = z
  .object({
    points: z
      .number({ error: "Field 'points' must be a whole number of points" })
      .int({ message: "Field 'points' must be a whole number of points" })
      .positive({ message: "Field 'points' must be at least 1" })
      .max(1_000_000_000, { message: "Field 'points' is too large" }),
    currency_code: z
      .string({ error: "Field 'currency_code' is required" })
      .regex(/^[a-zA-Z]{3}$/, { message: "Field 'currency_code' must be a three-letter currency code" })
      .transform((code) => code.toLowerCase()),
  })
  .strict()

export type CreateVoucherBody = z.infer<typeof CreateVoucherSchema>
