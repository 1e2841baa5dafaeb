import { definePolicies } from "@medusajs/framework/utils"

/**
 * The permissions the admin routes declare, for stores that run Medusa's role-based
 * access control (feature flag `rbac`, `MEDUSA_FF_RBAC=true`): Medusa loads this file
 * from the plugin's `policies` folder and offers the three to roles.
 */
export const loyaltyPointsPolicies = definePolicies([
  {
    name: "ReadLoyaltyPoints",
    resource: "loyalty_points",
    operation: "read",
    description: "See accounts, histories, vouchers, orders' points and the programme",
  },
  {
    name: "AdjustLoyaltyPoints",
    resource: "loyalty_points",
    operation: "adjust",
    description: "Credit or debit a customer's points, issue vouchers for a customer",
  },
  {
    name: "ConfigureLoyaltyPoints",
    resource: "loyalty_points",
    operation: "configure",
    description: "Change the programme, tiers and earning rules",
  },
])
