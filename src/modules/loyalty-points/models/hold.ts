import { model } from "@medusajs/framework/utils"
import { HOLD_STATUSES } from "../../../types/ledger"
import LoyaltyAccount from "./account"

/**
 * Points reserved for one cart while the shopper checks out. An active hold lowers
 * the account's `available` at once; it ends converted (into a `redeem` entry),
 * released or expired. A cart has at most one active hold.
 */
const LoyaltyHold = model
  .define(
    { name: "LoyaltyHold", tableName: "loyalty_points_hold" },
    {
      id: model.id({ prefix: "lphold" }).primaryKey(),
      cart_id: model.text(),
      points: model.number(),
      status: model.enum([...HOLD_STATUSES]).default("active"),
      expires_at: model.dateTime().nullable(),
      entry_id: model.text().nullable(),
      idempotency_key: model.text(),
      metadata: model.json().nullable(),
      account: model.belongsTo(() => LoyaltyAccount, { mappedBy: "holds" }),
    }
  )
  .indexes([
    { on: ["idempotency_key"], unique: true },
    { on: ["cart_id"], unique: true, where: "status = 'active'" },
    { on: ["status", "expires_at"] },
  ])

export default LoyaltyHold
