import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { runNightlyLoyaltyWorkflow } from "../workflows/nightly"

/**
 * The programme's nightly run. It fires every hour; the workflow goes ahead only at the
 * hour of the `nightly.hour` option, once per day across processes.
 */
export default async function runNightlyLoyaltyJob(container: MedusaContainer) {
  const { result } = await runNightlyLoyaltyWorkflow(container).run({ input: { scheduled: true } })
  // One line per tick: in a cluster, the workers' logs together show each tick ran once.
  const expiry = result.expiry ? `, expired ${result.expiry.points} points in ${result.expiry.accounts} accounts` : ""
  container.resolve(ContainerRegistrationKeys.LOGGER).info(`loyalty-points-nightly: ${result.reason}${expiry}`)
}

export const config = {
  name: "loyalty-points-nightly",
  // LOYALTY_POINTS_NIGHTLY_SCHEDULE (a cron, seconds allowed) lets the cluster tests tick fast.
  schedule: process.env.LOYALTY_POINTS_NIGHTLY_SCHEDULE || "0 * * * *",
}
