import { z } from "@medusajs/framework/zod"
import { isCalendarDate } from "../../utils/iso-date"

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

/** A birthday: a real calendar date written `YYYY-MM-DD`, in the past, from 1900 on. */
export const BirthdayParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "birthday must be a date written YYYY-MM-DD")
  .refine(isCalendarDate, "birthday must be a real calendar date")
  .refine((value) => value >= "1900-01-01" && Date.parse(`${value}T00:00:00Z`) <= Date.now(), "birthday must lie between 1900-01-01 and today")
