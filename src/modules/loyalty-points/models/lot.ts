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
  .indexes([
    { on: ["account_id", "expires_at"], where: "remaining > 0" },
    { on: ["expires_at"], where: "remaining > 0" },
  ])

export default LoyaltyLot
