import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { grantSignupBonusWorkflow } from "../workflows/bonuses"

/** A customer who registers an account gets the programme's signup bonus, once. */
export default async function loyaltyPointsCustomerCreatedHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  await grantSignupBonusWorkflow(container).run({ input: { customer_id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: "customer.created",
  context: { subscriberId: "loyalty-points-customer-created" },
}
