import { model } from "@medusajs/framework/utils"

/**
 * A `loyalty_points.expiring` announcement made for one lot and its date: the nightly
 * run announces a lot once per date (a lot whose date moves is announced again for the
 * new date), and this row is what makes a second run stay quiet.
 */
const LoyaltyExpiryReminder = model
  .define(
    { name: "LoyaltyExpiryReminder", tableName: "loyalty_points_expiry_reminder" },
    {
      id: model.id({ prefix: "lprem" }).primaryKey(),
      account_id: model.text(),
      lot_id: model.text(),
      /** The lot's date when it was announced. */
      expires_at: model.dateTime(),
      /** The points the lot still held when it was announced. */
      points: model.number(),
    }
  )
  .indexes([
    { name: "IDX_loyalty_points_expiry_reminder_lot_date", on: ["lot_id", "expires_at"], unique: true },
    { on: ["account_id"] },
  ])

export default LoyaltyExpiryReminder
