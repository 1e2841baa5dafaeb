import { MedusaContainer } from "@medusajs/framework/types"
import { runNightlyLoyaltyWorkflow } from "../workflows/nightly"

/**
 * The programme's nightly run. It fires every hour; the workflow goes ahead only at the
 * hour of the `nightly.hour` option, once per day across processes.
 */
export default async function runNightlyLoyaltyJob(container: MedusaContainer) {
  await runNightlyLoyaltyWorkflow(container).run({ input: { scheduled: true } })
}

export const config = {
  name: "loyalty-points-nightly",
  schedule: "0 * * * *",
}
