import { z } from "@medusajs/framework/zod"
import { BirthdayParam, CurrencyCodeParam, limitParam, OffsetParam } from "../../../../utils/account-validators"
import { isIsoDate } from "../../../../../utils/iso-date"
import {
  MAX_ADJUSTMENT_POINTS,
  MAX_NOTE_LENGTH,
  MAX_REASON_LENGTH,
} from "../../../../../workflows/adjustments/utils/validate-adjustment"

export const AdminGetCustomerLoyaltyPointsSchema = z.object({
  currency_code: CurrencyCodeParam.optional(),
  limit: limitParam(20),
  offset: OffsetParam,
})
export type AdminGetCustomerLoyaltyPointsParams = z.infer<typeof AdminGetCustomerLoyaltyPointsSchema>

const FutureDate = z
  .string()
  .refine(isIsoDate, "expires_at must be a valid date (ISO 8601)")
  .transform((value) => new Date(value))
  .refine((date) => date.getTime() > Date.now(), "expires_at must lie in the future")

/**
 * `{ points, reason, note?, expires_at? }`: signed whole points; 0 moves the expiry of
 * the open lots and then needs `expires_at`; a debit takes no `expires_at`.
 */
export const AdminCreateLoyaltyAdjustmentSchema = z
  .object({
    points: z.number().int().min(-MAX_ADJUSTMENT_POINTS).max(MAX_ADJUSTMENT_POINTS),
    reason: z.string().trim().min(1).max(MAX_REASON_LENGTH),
    note: z.string().trim().max(MAX_NOTE_LENGTH).nullish(),
    expires_at: FutureDate.nullish(),
    metadata: z.record(z.string(), z.unknown()).nullish(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.points === 0 && !body.expires_at) {
      ctx.addIssue({
        code: "custom",
        path: ["expires_at"],
        message: "expires_at is required when points is 0: a zero adjustment moves the expiry of the open lots",
      })
    }
    if (body.points < 0 && body.expires_at) {
      ctx.addIssue({
        code: "custom",
        path: ["expires_at"],
        message: "expires_at applies to a credit (points > 0) or an expiry move (points 0), not to a debit",
      })
    }
  })
export type AdminCreateLoyaltyAdjustment = z.infer<typeof AdminCreateLoyaltyAdjustmentSchema>

/** `{ birthday }`: an admin sets, corrects (`YYYY-MM-DD`) or clears (`null`) the customer's birthday. */
export const AdminUpdateCustomerLoyaltyPointsSchema = z
  .object({
    birthday: BirthdayParam.nullable(),
  })
  .strict()
export type AdminUpdateCustomerLoyaltyPoints = z.infer<typeof AdminUpdateCustomerLoyaltyPointsSchema>
