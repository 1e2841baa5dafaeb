import { MedusaContainer } from "@medusajs/framework/types"
import { releaseStaleHoldsWorkflow } from "../workflows/redemption"

/** Frees points held by carts that were abandoned with a points discount. */
export default async function releaseStaleLoyaltyHoldsJob(container: MedusaContainer) {
  await releaseStaleHoldsWorkflow(container).run({ input: {} })
}

export const config = {
  name: "loyalty-points-release-stale-holds",
  schedule: "*/5 * * * *",
}
