import { model } from "@medusajs/framework/utils"

/**
 * A loyalty programme. One per store out of the box (`handle` "default"); every
 * account and entry carries its programme id so programmes per sales channel stay
 * possible. `settings` holds what the admin saved; plugin options fill the rest.
 */
const LoyaltyProgram = model
  .define(
    { name: "LoyaltyProgram", tableName: "loyalty_points_program" },
    {
      id: model.id({ prefix: "lpprog" }).primaryKey(),
      handle: model.text(),
      name: model.text(),
      is_active: model.boolean().default(true),
      settings: model.json().nullable(),
      metadata: model.json().nullable(),
    }
  )
  .indexes([{ on: ["handle"], unique: true }])

export default LoyaltyProgram
