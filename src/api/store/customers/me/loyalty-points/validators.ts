import { z } from "@medusajs/framework/zod"
import { CurrencyCodeParam, limitParam, OffsetParam } from "../../../../utils/account-validators"

export const StoreGetLoyaltyAccountSchema = z.object({
  currency_code: CurrencyCodeParam.optional(),
})
export type StoreGetLoyaltyAccountParams = z.infer<typeof StoreGetLoyaltyAccountSchema>

export const StoreGetLoyaltyEntriesSchema = z.object({
  limit: limitParam(20),
  offset: OffsetParam,
})
export type StoreGetLoyaltyEntriesParams = z.infer<typeof StoreGetLoyaltyEntriesSchema>
