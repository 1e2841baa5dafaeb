import { model } from "@medusajs/framework/utils"

/**
 * Points opened by one credit, with their own expiry (`null`: never). Debits take
 * from lots first-expiring-first; `remaining` is what is left. The open lots of an
 * account always sum to its balance when that is not negative.
 */
const LoyaltyLot = model
  .define(
    { name: "LoyaltyLot", tableName: "loyalty_points_lot" },
    {
      id: model.id({ prefix: "lplot" }).primaryKey(),
      entry_id: model.text(),
      points: model.number(),
      remaining: model.number(),
      expired_points: model.number().default(0),
      expires_at: model.dateTime().nullable(),
      /** Set on a lot opened to give back points whose original lot had expired. */
      origin_lot_id: model.text().nullable(),
      // The account's id without a relation: a relation brings an index on it alone,
      // which a plan made on small statistics chose for a debit over the open lots'
      // index below, then sorting every lot the account ever had (the entry that wrote
      // the lot carries the account's foreign key).
      account_id: model.text(),
    }
  )
  // Every index a lot has is written again on each debit that takes from it (the open
  // lots' predicate on `remaining` makes those updates non-HOT), so a lot keeps only
  // the indexes a query needs; the two below cover only open lots, where every query
  // by expiry looks.
  .indexes([
    // The open lots of an account in the first-expiring-first order: a debit (and the
    // `expiring` view) reads the few it needs without passing over the spent ones.
    // `remaining` rides last so the `expiring` view sums a day's lots from the index
    // alone (an index-only scan); a debit writes no more index entries for it, since
    // changing `remaining` already puts a new entry in this index (its predicate names
    // it), only 4 bytes wider.
    {
      name: "IDX_loyalty_points_lot_account_open_remaining",
      on: ["account_id", "expires_at", "created_at", "id", "remaining"],
      where: "remaining > 0 AND deleted_at IS NULL",
    },
    // A lot below zero is a fault the reconcile check reports; it reads them here by
    // account (no lot is ever written into this index while the ledger is sound).
    { name: "IDX_loyalty_points_lot_account_negative", on: ["account_id"], where: "remaining < 0 AND deleted_at IS NULL" },
    // The nightly expiry and its reminders: open lots by date, over all accounts. Its
    // `expires_at IS NOT NULL` (implied by every query with a date bound) keeps it out
    // of a debit's reach: a plan made on small early statistics once took the open lots
    // of every account by date for one account's debit.
    {
      name: "IDX_loyalty_points_lot_open_expiry",
      on: ["expires_at"],
      where: "expires_at IS NOT NULL AND remaining > 0 AND deleted_at IS NULL",
    },
  ])

export default LoyaltyLot
