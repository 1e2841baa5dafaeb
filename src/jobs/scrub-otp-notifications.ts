import { MedusaContainer } from "@medusajs/framework/types"
import { scrubOtpNotifications } from "../workflows/redemption/utils/scrub-otp-notifications"

/**
 * Takes expired one-time codes out of the stored notifications (used and replaced ones
 * are taken out at once), so staff reading notifications never find a code that works.
 * A code lives 10 minutes; this runs every 5.
 */
export default async function scrubLoyaltyOtpNotificationsJob(container: MedusaContainer) {
  await scrubOtpNotifications(container)
}

export const config = {
  name: "loyalty-points-scrub-otp-notifications",
  schedule: "*/5 * * * *",
}
