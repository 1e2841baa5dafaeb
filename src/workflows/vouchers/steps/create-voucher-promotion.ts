import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"
import { GraphRecord } from "../../../utils/graph-record"
import { createPointsPromotion } from "../../redemption/utils/create-points-promotion"

export const createVoucherPromotionStepId = "loyalty-points-create-voucher-promotion"

/** The machine-readable code of the 409 a replay of an unfinished voucher request gets. */
export const VOUCHER_REQUEST_INCOMPLETE = "voucher_request_incomplete"

function incomplete(givenBack: boolean) {
  return new MedusaError(
    MedusaError.Types.CONFLICT,
    givenBack
      ? "The request with this Idempotency-Key did not complete and its points were given back: send a new request with a new key"
      : "The request with this Idempotency-Key has not completed yet: repeat it in a moment",
    VOUCHER_REQUEST_INCOMPLETE
  )
}

export type CreateVoucherPromotionStepInput = {
  code: string
  amount: number
  currency_code: string
  customer_id: string
  entry_id: string
  expires_at: string
  /** The debit was an earlier request's: answer its voucher, never make one. */
  replayed: boolean
  /** That earlier request failed and its points came back. */
  given_back: boolean
}

/**
 * The voucher itself, made only by the request that made its debit: a promotion of the
 * points' value under its own campaign, which ends when the voucher expires (Medusa
 * refuses a code whose campaign has ended), usable once and only by its customer
 * (rule `customer.id`). A replay answers the voucher the first request made, or 409
 * (`voucher_request_incomplete`) when that request has not completed: still running,
 * or failed and gave its points back. Compensation deletes what this step created.
 *
 * @example
 * createVoucherPromotionStep({ code: "LPV-...", amount: 5, currency_code: "usd", customer_id, entry_id, expires_at, replayed: false, given_back: false })
 */
export const createVoucherPromotionStep = createStep(
  createVoucherPromotionStepId,
  async (input: CreateVoucherPromotionStepInput, { container }) => {
    const promotionModule = container.resolve(Modules.PROMOTION)
    if (input.replayed) {
      const [existing] = await promotionModule.listPromotions({ code: [input.code] }, { select: ["id", "code", "status", "metadata"] })
      const ours = (existing?.metadata as GraphRecord | null | undefined)?.loyalty_points_voucher?.entry_id === input.entry_id
      if (!existing || !ours || input.given_back || existing.status !== "active") {
        throw incomplete(input.given_back)
      }
      return new StepResponse({ id: existing.id, code: input.code }, null)
    }
    const [campaign] = await promotionModule.createCampaigns([
      {
        name: `Loyalty points voucher ${input.code}`,
        campaign_identifier: `loyalty-points-voucher:${input.code}`,
        description: "A voucher paid with loyalty points (managed by medusa-loyalty-points)",
        starts_at: new Date(),
        ends_at: new Date(input.expires_at),
      },
    ])
    let promotionId: string | null = null
    try {
      const promotion = await createPointsPromotion(container, {
        code: input.code,
        amount: input.amount,
        currency_code: input.currency_code,
        campaign_id: campaign.id,
        rules: [{ attribute: "customer.id", operator: "eq", values: [input.customer_id] }],
        metadata: { loyalty_points_voucher: { customer_id: input.customer_id, entry_id: input.entry_id } },
      })
      promotionId = promotion.id
      // A request slower than the recovery job's grace period finds its points given
      // back: its code must not outlive its debit.
      const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
      const [givenBack] = await loyalty.listLoyaltyEntries({ reversal_of_id: input.entry_id }, { select: ["id"], take: 1 })
      if (givenBack) {
        throw incomplete(true)
      }
    } catch (error) {
      if (promotionId) {
        await promotionModule.deletePromotions([promotionId])
      }
      await promotionModule.deleteCampaigns([campaign.id])
      throw error
    }
    return new StepResponse({ id: promotionId, code: input.code }, { promotion_id: promotionId, campaign_id: campaign.id })
  },
  async (created, { container }) => {
    if (!created) {
      return
    }
    const promotionModule = container.resolve(Modules.PROMOTION)
    await promotionModule.deletePromotions([created.promotion_id])
    await promotionModule.deleteCampaigns([created.campaign_id])
  }
)
