import { model } from "@medusajs/framework/utils"
import { ACTOR_TYPES, ENTRY_TYPES } from "../../../types/ledger"
import LoyaltyAccount from "./account"

/**
 * The append-only ledger: every change of points is one row. `points` is the signed
 * headline figure; `balance_change` and `pending_change` say exactly what the entry
 * did to the account's spendable and pending figures, so the reconcile check can sum
 * them. `idempotency_key` is unique: the same intended change can only be made once.
 */
const LoyaltyEntry = model
  .define(
    { name: "LoyaltyEntry", tableName: "loyalty_points_entry" },
    {
      id: model.id({ prefix: "lpent" }).primaryKey(),
      program_id: model.text(),
      type: model.enum([...ENTRY_TYPES]),
      points: model.number(),
      balance_change: model.number().default(0),
      pending_change: model.number().default(0),
      money_amount: model.bigNumber().nullable(),
      currency_code: model.text().nullable(),
      actor_type: model.enum([...ACTOR_TYPES]).default("system"),
      actor_id: model.text().nullable(),
      reason: model.text().nullable(),
      note: model.text().nullable(),
      reference_type: model.text().nullable(),
      reference_id: model.text().nullable(),
      order_id: model.text().nullable(),
      reversal_of_id: model.text().nullable(),
      idempotency_key: model.text(),
      metadata: model.json().nullable(),
      /** The account's tier_points_total once this entry was written (running total). */
      tier_points_total: model.number().nullable(),
      /** The account's qualifying spend in this entry's currency once it was written (running total; null without currency). */
      tier_amount_total: model.bigNumber().nullable(),
      account: model.belongsTo(() => LoyaltyAccount, { mappedBy: "entries" }),
    }
  )
  .indexes([
    { on: ["idempotency_key"], unique: true },
    { on: ["account_id", "created_at"] },
    { on: ["order_id"], where: "order_id IS NOT NULL" },
    { on: ["reference_type", "reference_id"] },
    { on: ["reversal_of_id"], where: "reversal_of_id IS NOT NULL" },
  ])

export default LoyaltyEntry
