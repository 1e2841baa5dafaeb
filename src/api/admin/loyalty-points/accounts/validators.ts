import { z } from "@medusajs/framework/zod"
import { CurrencyCodeParam, limitParam, OffsetParam } from "../../../utils/account-validators"

/** Account fields the list may be sorted by (`order=balance`, `order=-balance`, ...). */
export const LOYALTY_ACCOUNT_ORDER_FIELDS = [
  "balance",
  "pending",
  "held",
  "lifetime_earned",
  "lifetime_redeemed",
  "created_at",
  "updated_at",
] as const

const ORDER_VALUES = LOYALTY_ACCOUNT_ORDER_FIELDS.flatMap((field) => [field, `-${field}`]) as [string, ...string[]]

export const AdminListLoyaltyAccountsSchema = z.object({
  /** Searches the customer's email, first and last name (every word must match), the account id and referral code. */
  q: z.string().trim().max(200).optional(),
  /** Tier id, or several (comma-separated or repeated). */
  tier: z
    .union([z.string(), z.array(z.string())])
    .transform((value) =>
      (Array.isArray(value) ? value : value.split(","))
        .map((id) => id.trim())
        .filter(Boolean)
    )
    .optional(),
  order: z.enum(ORDER_VALUES).default("-created_at"),
  limit: limitParam(20),
  offset: OffsetParam,
  currency_code: CurrencyCodeParam.optional(),
})
export type AdminListLoyaltyAccountsParams = z.infer<typeof AdminListLoyaltyAccountsSchema>
