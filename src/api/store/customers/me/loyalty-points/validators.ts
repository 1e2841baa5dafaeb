import { z } from "@medusajs/framework/zod"
import { BirthdayParam, CurrencyCodeParam, limitParam, OffsetParam } from "../../../../utils/account-validators"

export const StoreGetLoyaltyAccountSchema = z.object({
  currency_code: CurrencyCodeParam.optional(),
})
export type StoreGetLoyaltyAccountParams = z.infer<typeof StoreGetLoyaltyAccountSchema>

export const StoreGetLoyaltyEntriesSchema = z.object({
  limit: limitParam(20),
  offset: OffsetParam,
})
export type StoreGetLoyaltyEntriesParams = z.infer<typeof StoreGetLoyaltyEntriesSchema>

/** `{ birthday }`: a real past date written `YYYY-MM-DD`, set once. */
export const StoreUpdateLoyaltyAccountSchema = z
  .object({
    birthday: BirthdayParam,
  })
  .strict()
export type StoreUpdateLoyaltyAccountParams = z.infer<typeof StoreUpdateLoyaltyAccountSchema>

/** `{ code }`: another customer's referral code (case, spaces and dashes ignored). */
export const StoreRecordReferralSchema = z
  .object({
    code: z
      .string()
      .trim()
      .min(1, "code must not be empty")
      .max(32, "code must be at most 32 characters")
      .regex(/^[A-Za-z0-9 -]+$/, "code must contain only letters, digits, spaces and dashes"),
  })
  .strict()
export type StoreRecordReferralParams = z.infer<typeof StoreRecordReferralSchema>
