import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { recoverLoyaltyPointsWorkflow } from "../workflows/recovery"

/** Heals what a crash or a failed handler left behind; reports what the invariant check finds. */
export default async function recoverLoyaltyPointsJob(container: MedusaContainer) {
  const { result } = await recoverLoyaltyPointsWorkflow(container).run({ input: {} })
  const { reconciliation, failed } = result
  const issues = reconciliation.orders_without_redeem.length + reconciliation.mismatched.length + reconciliation.redeems_without_order.length
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  if (issues || failed.length) {
    logger.warn(`medusa-loyalty-points recovery: ${JSON.stringify({ failed, reconciliation })}`)
  }
  // One line per tick: in a cluster, the workers' logs together show each tick ran once.
  logger.info(`loyalty-points-recover: ran (${issues} issues, ${failed.length} failed)`)
}

export const config = {
  name: "loyalty-points-recover",
  // LOYALTY_POINTS_RECOVER_SCHEDULE (a cron, seconds allowed) lets the cluster tests tick fast.
  schedule: process.env.LOYALTY_POINTS_RECOVER_SCHEDULE || "*/5 * * * *",
}
