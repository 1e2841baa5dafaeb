import { z } from "@medusajs/framework/zod"

// Medusa prints the message of a custom or format issue without its path: messages name the field.

/** `?currency_code=`: a three-letter ISO 4217 code, lower-cased. */
export const CurrencyCodeParam = z
  .string()
  .regex(/^[a-zA-Z]{3}$/, "currency_code must be a three-letter ISO 4217 currency code")
  .transform((code) => code.toLowerCase())

/** `?limit=`: 1 to 100. */
export const limitParam = (defaultLimit = 20) => z.coerce.number().int().min(1).max(100).default(defaultLimit)

/** `?offset=`: 0 or more. */
export const OffsetParam = z.coerce.number().int().min(0).default(0)
