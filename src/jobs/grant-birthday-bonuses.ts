import { MedusaContainer } from "@medusajs/framework/types"
import { grantBirthdayBonusesWorkflow } from "../workflows/bonuses"

/**
 * Grants the day's birthday bonuses. Until the programme's nightly job exists this runs
 * on its own; the nightly job is meant to run `grantBirthdayBonusesWorkflow` instead.
 */
export default async function grantLoyaltyBirthdayBonusesJob(container: MedusaContainer) {
  await grantBirthdayBonusesWorkflow(container).run({ input: {} })
}

export const config = {
  name: "loyalty-points-grant-birthday-bonuses",
  schedule: "15 3 * * *",
}
