import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"
import { GraphRecord } from "../../../utils/graph-record"

/** The Notification Module's generated update, which its public interface does not declare. */
type UpdatableNotifications = { updateNotifications: (data: { id: string; data: GraphRecord }) => Promise<unknown> }

/** The template of one-time-code notifications. */
export const OTP_TEMPLATE = "loyalty-points-otp"

/**
 * Takes the code out of the stored notifications of one-time codes nobody can use any
 * more (used, replaced, expired, locked out): the Notification Module keeps every
 * notification's `data`, which staff can read, so a code stays there only while it is
 * still the one the shopper is waiting for. Answers how many were scrubbed.
 *
 * @example
 * await scrubOtpNotifications(container)
 */
export async function scrubOtpNotifications(container: MedusaContainer): Promise<number> {
  const notifications = container.resolve(Modules.NOTIFICATION)
  const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const stored = (await notifications.listNotifications(
    { template: OTP_TEMPLATE } as unknown as GraphRecord,
    { select: ["id", "data"], take: 1000, order: { created_at: "DESC" } }
  )) as GraphRecord[]
  const withCode = stored.filter((n) => n.data?.code && n.data?.otp_id)
  if (!withCode.length) {
    return 0
  }
  const dead = new Set(await loyalty.deadRedemptionOtps(withCode.map((n) => n.data.otp_id as string)))
  const scrub = withCode.filter((n) => dead.has(n.data.otp_id))
  for (const notification of scrub) {
    await (notifications as unknown as UpdatableNotifications).updateNotifications({
      id: notification.id,
      data: { ...notification.data, code: null },
    })
  }
  return scrub.length
}
