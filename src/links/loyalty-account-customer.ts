import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import LoyaltyPointsModule from "../modules/loyalty-points"

/**
 * Read-only: `query.graph` fetches an account with its customer (email, name) through
 * the account's own `customer_id`, with no link table to keep in step.
 */
export default defineLink(
  {
    linkable: LoyaltyPointsModule.linkable.loyaltyAccount,
    field: "customer_id",
  },
  CustomerModule.linkable.customer,
  { readOnly: true }
)
