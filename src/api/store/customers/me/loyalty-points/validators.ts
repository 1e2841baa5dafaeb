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
