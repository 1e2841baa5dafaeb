import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { recoverLoyaltyPointsWorkflow } from "../workflows/recovery"

/** Heals what a crash or a failed handler left behind; reports what the invariant check finds. */
export default async function recoverLoyaltyPointsJob(container: MedusaContainer) {
  const { result } = await recoverLoyaltyPointsWorkflow(container).run({ input: {} })
  const { reconciliation, failed } = result
  const issues = reconciliation.orders_without_redeem.length + reconciliation.mismatched.length + reconciliation.redeems_without_order.length
  if (issues || failed.length) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`medusa-loyalty-points recovery: ${JSON.stringify({ failed, reconciliation })}`)
  }
}

export const config = {
  name: "loyalty-points-recover",
  schedule: "*/5 * * * *",
}
