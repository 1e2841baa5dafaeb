import { createWorkflow, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { sendLoyaltyNotificationStep, SendLoyaltyNotificationInput } from "../steps/send-loyalty-notification"

export const sendLoyaltyNotificationWorkflowId = "loyalty-points-send-notification"

/**
 * Sends the notification of one loyalty event (earned, redeemed, expiring, expired,
 * tier changed, clawed back) through the Notification Module when the
 * `notifications` option turns it on; once per event, however often it is delivered.
 *
 * @example
 * await sendLoyaltyNotificationWorkflow(container).run({ input: { event_name: "loyalty_points.expired", data } })
 */
export const sendLoyaltyNotificationWorkflow = createWorkflow(
  sendLoyaltyNotificationWorkflowId,
  (input: WorkflowData<SendLoyaltyNotificationInput>) => {
    return new WorkflowResponse(sendLoyaltyNotificationStep(input))
  }
)
