import { Context } from "@medusajs/framework/types"

export type IssueRedemptionOtpInput = { account_id: string; cart_id: string; points: number }

/** The code itself is answered once, for the notification; only its hash is kept. */
export type IssuedRedemptionOtp = { id: string; code: string; expires_at: Date }

export type VerifyRedemptionOtpInput = IssueRedemptionOtpInput & { code: string }

/** Why a code was refused, as a message for the shopper; `ok` when it was right. */
export type RedemptionOtpCheck = { ok: boolean; message: string | null }

/** The one-time codes that confirm a large redemption, of `ILoyaltyPointsModuleService`. */
export interface LoyaltyOneTimeCodeMethods {
  /**
   * Issues a 6-digit code for spending `points` on a cart, replacing the cart's earlier one.
   *
   * @example
   * const { code } = await loyaltyPointsService.issueRedemptionOtp({ account_id, cart_id, points: 5000 })
   */
  issueRedemptionOtp(input: IssueRedemptionOtpInput, sharedContext?: Context): Promise<IssuedRedemptionOtp>

  /**
   * Points redeemed in the last 24 hours (carts and vouchers) plus points held on the
   * account's other carts: what counts toward the one-time-code threshold.
   *
   * @example
   * const recent = await loyaltyPointsService.recentRedemptionPoints({ account_id, cart_id })
   */
  recentRedemptionPoints(input: { account_id: string; cart_id?: string | null }, sharedContext?: Context): Promise<number>

  /**
   * Of the given one-time codes, those nobody can use any more.
   *
   * @example
   * const dead = await loyaltyPointsService.deadRedemptionOtps(["lpotp_1"])
   */
  deadRedemptionOtps(ids: string[], sharedContext?: Context): Promise<string[]>

  /**
   * Since when the account's phone has been `phone` (now when new or changed).
   *
   * @example
   * const since = await loyaltyPointsService.phoneSeenSince({ account_id, phone: "+15550100" })
   */
  phoneSeenSince(input: { account_id: string; phone: string }, sharedContext?: Context): Promise<Date>

  /**
   * Checks a code; a wrong one counts an attempt, a right one is used up.
   *
   * @example
   * const { ok, message } = await loyaltyPointsService.verifyRedemptionOtp({ account_id, cart_id, points: 5000, code: "123456" })
   */
  verifyRedemptionOtp(input: VerifyRedemptionOtpInput, sharedContext?: Context): Promise<RedemptionOtpCheck>
}
