import { model } from "@medusajs/framework/utils"

/**
 * Which debit took how many points from which lot, so that a reversal gives them
 * back to the same lot (and its expiry). `reversed_points` is how many came back.
 */
const LoyaltyLotConsumption = model
  .define(
    { name: "LoyaltyLotConsumption", tableName: "loyalty_points_lot_consumption" },
    {
      id: model.id({ prefix: "lpcon" }).primaryKey(),
      account_id: model.text(),
      entry_id: model.text(),
      lot_id: model.text(),
      points: model.number(),
      reversed_points: model.number().default(0),
    }
  )
  // By entry only: a reversal reads its debit's consumptions; nothing looks them up
  // by lot, and each debit writes every index this table has.
  .indexes([{ on: ["entry_id"] }])

export default LoyaltyLotConsumption
