import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LedgerHoldDTO, LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"

export const holdCartPointsStepId = "loyalty-points-hold-cart-points"

export type HoldCartPointsStepInput = {
  account_id: string
  cart_id: string
  points: number
  idempotency_key: string
}

/**
 * Reserves the points for the cart (replacing its earlier hold), for the options'
 * `holds.ttl_minutes`. Compensation releases the new hold and puts back the old one.
 *
 * @example
 * const hold = holdCartPointsStep({ account_id, cart_id, points: 500, idempotency_key })
 */
export const holdCartPointsStep = createStep(
  holdCartPointsStepId,
  async (input: HoldCartPointsStepInput, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const previous = await loyalty.retrieveActiveHoldForCart(input.cart_id)
    const ttlMinutes = loyalty.getOptions().holds.ttl_minutes
    const { hold, replayed } = await loyalty.holdPoints({
      ...input,
      expires_at: new Date(Date.now() + ttlMinutes * 60_000),
    })
    return new StepResponse(hold, replayed ? null : { hold, previous })
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    await loyalty.releaseHold({ hold_id: undo.hold.id })
    const previous = undo.previous as LedgerHoldDTO | null
    if (previous && previous.id !== undo.hold.id) {
      await loyalty.holdPoints({
        account_id: previous.account_id,
        cart_id: previous.cart_id,
        points: previous.points,
        expires_at: previous.expires_at,
        idempotency_key: `${previous.idempotency_key}:restore:${undo.hold.id}`,
      })
    }
  }
)
