import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"

export const checkRedemptionOtpStepId = "loyalty-points-check-redemption-otp"

/** The error `code` a storefront sees (HTTP 403, FORBIDDEN) when a one-time code is required. */
export const OTP_REQUIRED = "otp_required"

export type CheckRedemptionOtpStepInput = {
  account_id: string
  customer_id: string
  cart_id: string
  points: number
  otp?: string | null
}

/**
 * With the `otp` option on, a redemption above its threshold needs a one-time code:
 * without one, a code is sent through the Notification Module and the request is
 * refused with `otp_required`; with one, the code is checked (wrong, expired, used up
 * or after 5 attempts: refused). Below the threshold, or with the option off, it
 * passes. Codes are single-use, so there is nothing to undo.
 *
 * @example
 * checkRedemptionOtpStep({ account_id, customer_id, cart_id, points: 5000, otp: "123456" })
 */
export const checkRedemptionOtpStep = createStep(
  checkRedemptionOtpStepId,
  async (input: CheckRedemptionOtpStepInput, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const { otp } = loyalty.getOptions()
    if (!otp.enabled || input.points <= otp.threshold_points) {
      return new StepResponse({ required: false })
    }
    if (!input.otp) {
      const issued = await loyalty.issueRedemptionOtp({
        account_id: input.account_id,
        cart_id: input.cart_id,
        points: input.points,
      })
      const customer = await container.resolve(Modules.CUSTOMER).retrieveCustomer(input.customer_id)
      const to = otp.channel === "sms" ? customer.phone : customer.email
      if (!to) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `Spending more than ${otp.threshold_points} points needs a one-time code, and the customer has no ${otp.channel === "sms" ? "phone number" : "email"} to send it to`
        )
      }
      await container.resolve(Modules.NOTIFICATION).createNotifications({
        to,
        channel: otp.channel,
        template: "loyalty-points-otp",
        data: { code: issued.code, points: input.points, expires_at: issued.expires_at.toISOString() },
      })
      throw new MedusaError(
        MedusaError.Types.FORBIDDEN,
        `Spending more than ${otp.threshold_points} points needs a one-time code: one was sent by ${otp.channel}. Repeat the request with it in "otp".`,
        OTP_REQUIRED
      )
    }
    const verified = await loyalty.verifyRedemptionOtp({
      account_id: input.account_id,
      cart_id: input.cart_id,
      points: input.points,
      code: input.otp,
    })
    if (!verified.ok) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, verified.message as string)
    }
    return new StepResponse({ required: true })
  }
)
