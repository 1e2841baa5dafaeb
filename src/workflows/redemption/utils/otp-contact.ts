import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import type { ILoyaltyPointsModuleService } from "../../../types"
import { GraphRecord } from "../../../utils/graph-record"
import { phoneIsSettled } from "../../../modules/loyalty-points/otp"

export type OtpContact = { to: string; channel: "email" | "sms" }

/**
 * Where a one-time code may go: only to a contact the holder of a stolen customer token
 * cannot just have changed. The email is the account's login email (the `emailpass`
 * identity, which changes only through a password reset), never the customer record's
 * email, which the token holder can edit. A phone (channel `sms`) is used only when it
 * has not changed for 24 hours as the plugin has seen it; otherwise the code goes to
 * the login email.
 *
 * @example
 * const { to, channel } = await resolveOtpContact(container, loyalty, { account_id, customer_id, channel: "sms" })
 */
export async function resolveOtpContact(
  container: MedusaContainer,
  loyalty: ILoyaltyPointsModuleService,
  input: { account_id: string; customer_id: string; channel: "email" | "sms" }
): Promise<OtpContact> {
  if (input.channel === "sms") {
    const customer = await container.resolve(Modules.CUSTOMER).retrieveCustomer(input.customer_id, { select: ["id", "phone"] })
    if (customer.phone) {
      const since = await loyalty.phoneSeenSince({ account_id: input.account_id, phone: customer.phone })
      if (phoneIsSettled(since)) {
        return { to: customer.phone, channel: "sms" }
      }
    }
  }
  const email = await loginEmailOf(container, input.customer_id)
  if (!email) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "Spending these points needs a one-time code, and the account has no login email (or phone unchanged for 24 hours) to send it to"
    )
  }
  return { to: email, channel: "email" }
}

/** The email the customer logs in with: their `emailpass` identity's id. */
async function loginEmailOf(container: MedusaContainer, customerId: string): Promise<string | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "auth_identity",
    fields: ["id", "provider_identities.provider", "provider_identities.entity_id"],
    filters: { app_metadata: { customer_id: customerId } } as unknown as GraphRecord,
  })
  for (const identity of data as GraphRecord[]) {
    const emailpass = (identity.provider_identities ?? []).find((p: GraphRecord) => p?.provider === "emailpass")
    if (emailpass?.entity_id) {
      return emailpass.entity_id as string
    }
  }
  return null
}
