import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../types"
import { redeemCartHold } from "../redemption/utils/redeem-cart-hold"
import { GraphRecord } from "../../utils/graph-record"
import { takeHook } from "./utils/take-hook"

/**
 * The completion guard. Spends the cart's held points exactly once as its order is
 * created. Runs under completeCartWorkflow's own lock on the cart, and the ledger locks
 * the account, so concurrent completions cannot spend the same points twice. If the
 * completion fails after this, the compensation gives the points back and makes the
 * hold active again.
 */
takeHook("completeCartWorkflow.hooks.validate", () =>
  completeCartWorkflow.hooks.validate(
    async ({ cart }, { container }) => {
      const codes = [...(cart.items ?? []), ...(cart.shipping_methods ?? [])]
        .flatMap((line: GraphRecord) => line?.adjustments ?? [])
        .map((adjustment: GraphRecord) => adjustment?.code)
      const redeemed = await redeemCartHold(container, cart.id, codes)
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
