import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"

export const findVoucherRequestStepId = "loyalty-points-find-voucher-request"

/**
 * Whether a request with this ledger key already made its debit: a replay is answered
 * from the first request (no second one-time code is asked for). Reads only.
 *
 * @example
 * const { seen } = findVoucherRequestStep({ idempotency_key: "voucher:store:cus_123:abc" })
 */
export const findVoucherRequestStep = createStep(
  findVoucherRequestStepId,
  async (input: { idempotency_key: string }, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const [entry] = await loyalty.listLoyaltyEntries({ idempotency_key: input.idempotency_key }, { select: ["id"], take: 1 })
    return new StepResponse({ seen: !!entry })
  }
)
