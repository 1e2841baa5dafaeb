import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../types"
import { CompletingCart, redeemCompletingCart } from "../redemption/utils/redeem-cart-hold"
import { syncCartPointsHoldWorkflow } from "../redemption/workflows/sync-cart-points-hold"
import { takeHook } from "./utils/take-hook"
import { GraphRecord } from "../../utils/graph-record"

/**
 * The completion guard. Spends, exactly once, the points behind the discount of the
 * cart as Medusa's completion read it (the cart the order is created from). Runs under
 * completeCartWorkflow's own lock on the cart id, the lock applying, replacing and
 * removing points and the stale-hold job also take, and the ledger locks the account,
 * so nothing can change the discount or spend the points in between. If the completion
 * fails after this, the compensation gives the points back and makes the hold active
 * again. A discount beyond the limits is refused and shrunk right after (the re-cap
 * waits for the completion's lock to be released).
 */
takeHook("completeCartWorkflow.hooks.validate", () =>
  completeCartWorkflow.hooks.validate(
    async ({ cart }, { container }) => {
      const recap = (cartId: string) => {
        syncCartPointsHoldWorkflow(container)
          .run({ input: { cart_id: cartId } })
          .catch((error) =>
            container
              .resolve(ContainerRegistrationKeys.LOGGER)
              .warn(`medusa-loyalty-points: re-capping the points discount of cart ${cartId} failed: ${error?.message}`)
          )
      }
      const redeemed = await redeemCompletingCart(container, cart as GraphRecord as CompletingCart, recap)
      return new StepResponse(redeemed, redeemed?.hold_id ?? null)
    },
    async (holdId, { container }) => {
      if (!holdId) {
        return
      }
      const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
      await loyalty.undoHoldConversion(holdId)
    }
  )
)
