import { model } from "@medusajs/framework/utils"
import LoyaltyAccount from "./account"

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
      account: model.belongsTo(() => LoyaltyAccount, { mappedBy: "lots" }),
    }
  )
  // No `remaining > 0` in the index predicates: a column in a predicate counts as
  // indexed, which made every debit's change of `remaining` a non-HOT update that
  // rewrote each of the lot's index entries.
  .indexes([
    { name: "IDX_loyalty_points_lot_account_expiry", on: ["account_id", "expires_at"] },
    // The open lots of an account in the first-expiring-first order: a debit (and the
    // `expiring` view) reads the few it needs without passing over the spent ones.
    // Its predicate makes a change of `remaining` a non-HOT update; walking every spent
    // lot of a busy account on each debit costs far more.
    {
      name: "IDX_loyalty_points_lot_account_open",
      on: ["account_id", "expires_at", "created_at", "id"],
      where: "remaining > 0 AND deleted_at IS NULL",
    },
    { name: "IDX_loyalty_points_lot_expiry", on: ["expires_at"] },
  ])

export default LoyaltyLot
