import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"
import { resolveOtpContact } from "../utils/otp-contact"
import { OTP_TEMPLATE, scrubOtpNotifications } from "../utils/scrub-otp-notifications"

export const checkRedemptionOtpStepId = "loyalty-points-check-redemption-otp"

/** The machine-readable `code` a storefront sees (HTTP 403) when a one-time code is required. */
export const OTP_REQUIRED = "otp_required"

export type CheckRedemptionOtpStepInput = {
  account_id: string
  customer_id: string
  /** The cart the points are spent on, or `vouchers` for a voucher. */
  cart_id: string
  points: number
  otp?: string | null
}

/**
 * With the `otp` option on, spending more than its threshold within 24 hours needs a
 * one-time code: the request's points count together with what the account redeemed in
 * the last 24 hours (carts and vouchers) and holds on its other carts, so splitting a
 * spend does not avoid the code. Without a code, one is sent through the Notification
 * Module to a contact a token holder cannot just have changed (`resolveOtpContact`),
 * at most `otp.max_codes_per_hour` per account (then 429 `otp_rate_limited`), and the
 * request is refused: 403 (`FORBIDDEN`) with `code: "otp_required"`. With a code, it is
 * checked (wrong, expired, used up or after 5 attempts: refused). Codes nobody can use
 * any more are then taken out of the stored notifications. Codes are single-use, so
 * there is nothing to undo.
 *
 * @example
 * checkRedemptionOtpStep({ account_id, customer_id, cart_id, points: 5000, otp: "123456" })
 */
export const checkRedemptionOtpStep = createStep(
  checkRedemptionOtpStepId,
  async (input: CheckRedemptionOtpStepInput, { container }) => {
    const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const { otp } = loyalty.getOptions()
    if (!otp.enabled) {
      return new StepResponse({ required: false })
    }
    const recent = await loyalty.recentRedemptionPoints({ account_id: input.account_id, cart_id: input.cart_id })
    if (recent + input.points <= otp.threshold_points) {
      return new StepResponse({ required: false })
    }
    const why = `Spending more than ${otp.threshold_points} points within 24 hours needs a one-time code`
    if (!input.otp) {
      const contact = await resolveOtpContact(container, loyalty, {
        account_id: input.account_id,
        customer_id: input.customer_id,
        channel: otp.channel,
      })
      const issued = await loyalty.issueRedemptionOtp({
        account_id: input.account_id,
        cart_id: input.cart_id,
        points: input.points,
      })
      await container.resolve(Modules.NOTIFICATION).createNotifications({
        to: contact.to,
        channel: contact.channel,
        template: OTP_TEMPLATE,
        data: { code: issued.code, otp_id: issued.id, points: input.points, expires_at: issued.expires_at.toISOString() },
      })
      // The code this one replaced leaves the stored notifications.
      await scrubOtpNotifications(container)
      throw new MedusaError(
        MedusaError.Types.FORBIDDEN,
        `${why}: one was sent by ${contact.channel}. Repeat the request with it in "otp".`,
        OTP_REQUIRED
      )
    }
    const verified = await loyalty.verifyRedemptionOtp({
      account_id: input.account_id,
      cart_id: input.cart_id,
      points: input.points,
      code: input.otp,
    })
    await scrubOtpNotifications(container)
    if (!verified.ok) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, verified.message as string)
    }
    return new StepResponse({ required: true })
  }
)
