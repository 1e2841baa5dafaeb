import { model } from "@medusajs/framework/utils"

/**
 * A one-time code a shopper must give back before spending more points than the
 * `otp.threshold_points` option allows. Only a salted hash of the code is kept; it
 * expires after 10 minutes and allows 5 attempts.
 */
const LoyaltyOtp = model
  .define(
    { name: "LoyaltyOtp", tableName: "loyalty_points_otp" },
    {
      id: model.id({ prefix: "lpotp" }).primaryKey(),
      account_id: model.text(),
      cart_id: model.text(),
      points: model.number(),
      code_hash: model.text(),
      attempts: model.number().default(0),
      expires_at: model.dateTime(),
      consumed_at: model.dateTime().nullable(),
    }
  )
  .indexes([{ on: ["account_id", "cart_id", "created_at"] }])

export default LoyaltyOtp
