import { ExecArgs } from "@medusajs/framework/types"
import { checkLoyaltyPointsHealth } from "../health/check-health"

/**
 * `npx medusa exec ./node_modules/medusa-loyalty-points/.medusa/server/src/exec/health.js`:
 * the health route's checks from the command line; exits 1 when one failed.
 */
export default async function loyaltyPointsHealth({ container }: ExecArgs) {
  const health = await checkLoyaltyPointsHealth(container)
  for (const check of health.checks) {
    console.log(`${check.ok ? "ok  " : "FAIL"} ${check.name}: ${check.detail}`)
  }
  for (const warning of health.warnings) {
    console.log(`warn ${warning}`)
  }
  console.log(`LOYALTY_POINTS_HEALTHY=${health.healthy}`)
  if (!health.healthy) {
    process.exitCode = 1
  }
}
