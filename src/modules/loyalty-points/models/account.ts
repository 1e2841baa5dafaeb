import { model } from "@medusajs/framework/utils"
import LoyaltyEntry from "./entry"
import LoyaltyHold from "./hold"

/**
 * One customer's standing in one programme. The figures are kept on the row and
 * changed in the same transaction as the entry that changes them; they are never
 * recomputed from history on a read. The running totals (`entry_count`, `tier_*_total`)
 * let a read answer history figures with a bounded number of rows. `available` is `balance - held`.
 */
const LoyaltyAccount = model
  .define(
    { name: "LoyaltyAccount", tableName: "loyalty_points_account" },
    {
      id: model.id({ prefix: "lpacc" }).primaryKey(),
      program_id: model.text(),
      customer_id: model.text(),
      balance: model.number().default(0),
      pending: model.number().default(0),
      held: model.number().default(0),
      lifetime_earned: model.number().default(0),
      lifetime_redeemed: model.number().default(0),
      tier_id: model.text().nullable(),
      /**
       * Since when the account's qualifying figure has been below its tier's threshold,
       * as the nightly tier review saw it; the tier drops once this is older than the
       * programme's `tier_retention_days`. Null while the account qualifies.
       */
      tier_below_since: model.dateTime().nullable(),
      /** Shared by the customer to refer others; unique, set when the account is created. */
      referral_code: model.text().nullable(),
      /** `YYYY-MM-DD`, set once by the customer (admins may change it); the birthday bonus is granted on it. */
      birthday: model.text().nullable(),
      /** The account whose referral code this customer gave, recorded once, before their first order. */
      referrer_account_id: model.text().nullable(),
      referred_at: model.dateTime().nullable(),
      metadata: model.json().nullable(),
      /** How many entries the account has: the history page's count, kept by every entry write. */
      entry_count: model.number().default(0),
      /** Qualifying points ever (earned, bonus, less clawed back): tier progress subtracts the entry at the window's start. */
      tier_points_total: model.number().default(0),
      /** Qualifying spend ever, per currency (`{ usd: 120.5 }`), kept as tier_points_total. */
      tier_amounts_total: model.json().nullable(),
      entries: model.hasMany(() => LoyaltyEntry, { mappedBy: "account" }),
      holds: model.hasMany(() => LoyaltyHold, { mappedBy: "account" }),
    }
  )
  .indexes([
    { on: ["program_id", "customer_id"], unique: true },
    { on: ["customer_id"] },
    { on: ["program_id", "balance"] },
    { on: ["referral_code"], unique: true, where: "referral_code IS NOT NULL" },
    { on: ["referrer_account_id"], where: "referrer_account_id IS NOT NULL" },
    { on: ["program_id", "birthday"], where: "birthday IS NOT NULL" },
  ])

export default LoyaltyAccount
