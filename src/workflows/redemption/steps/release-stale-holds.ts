import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"
import { removeLoyaltyPointsWorkflow } from "../workflows/remove-loyalty-points"

export const releaseStaleHoldsStepId = "loyalty-points-release-stale-holds"

/**
 * Takes the points discount off every cart whose hold outlived `holds.ttl_minutes`,
 * marking the hold expired and deleting its promotion, under the cart's lock (the
 * key Medusa's cart completion holds), one cart at a time so one
 * broken cart does not keep the others' points held. Each cart is its own workflow
 * with its own compensation.
 *
 * @example
 * const { released } = releaseStaleHoldsStep({ now: new Date(), limit: 200 })
 */
export const releaseStaleHoldsStep = createStep(
  releaseStaleHoldsStepId,
  async (input: { now?: Date; limit?: number }, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const stale = await loyalty.listStaleHolds(input.now ?? new Date(), input.limit ?? 200)
    const released: string[] = []
    const failed: { hold_id: string; message: string }[] = []
    for (const hold of stale) {
      try {
        await removeLoyaltyPointsWorkflow(container).run({ input: { cart_id: hold.cart_id, status: "expired" } })
        released.push(hold.id)
      } catch {
        // A completed or deleted cart: its hold is released all the same, under the cart's
        // lock (the key Medusa's completion holds) so a completion never sees it vanish.
        try {
          await container
            .resolve(Modules.LOCKING)
            .execute(hold.cart_id, () => loyalty.releaseHold({ hold_id: hold.id, status: "expired" }), { timeout: 30 })
          released.push(hold.id)
        } catch (inner) {
          failed.push({ hold_id: hold.id, message: (inner as Error).message })
        }
      }
    }
    return new StepResponse({ released, failed })
  }
)
