import { createCustomerAccountWorkflow, createUsersWorkflow } from "@medusajs/medusa/core-flows"
import { MedusaContainer } from "@medusajs/framework/types"
import { FeatureFlag, Modules } from "@medusajs/framework/utils"
import { GraphRecord } from "../../utils/graph-record"
import { DEMO } from "./fixtures"

/** The emailpass identity of `email`, registered with `password` when there is none. */
async function ensureAuthIdentity(container: MedusaContainer, email: string, password: string) {
  const auth = container.resolve(Modules.AUTH)
  const [identity] = await auth.listProviderIdentities({ entity_id: email, provider: "emailpass" })
  if (identity) {
    return await auth.retrieveAuthIdentity(identity.auth_identity_id!)
  }
  const { authIdentity, error } = await auth.register("emailpass", { body: { email, password } })
  if (error || !authIdentity) {
    throw new Error(`Could not register ${email}: ${error}`)
  }
  return authIdentity
}

export async function ensureAdminUser(container: MedusaContainer) {
  const users = container.resolve(Modules.USER)
  const auth = container.resolve(Modules.AUTH)
  let [user] = await users.listUsers({ email: DEMO.adminEmail })
  if (!user) {
    // As `medusa user` does: with RBAC on, the admin gets the super admin role.
    let roles: string[] = []
    if (FeatureFlag.isFeatureEnabled("rbac")) {
      const rbac: GraphRecord = container.resolve(Modules.RBAC)
      const superAdmins = await rbac.listRbacRoles({ id: "role_super_admin" })
      roles = superAdmins.map((role: { id: string }) => role.id)
    }
    // `roles` is accepted by the workflow with RBAC on, though its input type lacks it.
    const users = [{ email: DEMO.adminEmail, first_name: "Demo", last_name: "Admin", ...(roles.length ? { roles } : {}) }]
    const { result } = await createUsersWorkflow(container).run({ input: { users } })
    user = result[0]
  }
  const identity = await ensureAuthIdentity(container, DEMO.adminEmail, DEMO.adminPassword)
  if (identity.app_metadata?.user_id !== user.id) {
    await auth.updateAuthIdentities({
      id: identity.id,
      app_metadata: { ...(identity.app_metadata ?? {}), user_id: user.id },
    })
  }
  return user
}

export async function ensureShopper(container: MedusaContainer) {
  const customers = container.resolve(Modules.CUSTOMER)
  const [existing] = await customers.listCustomers({ email: DEMO.shopperEmail, has_account: true })
  if (existing) {
    return existing
  }
  const identity = await ensureAuthIdentity(container, DEMO.shopperEmail, DEMO.shopperPassword)
  const { result } = await createCustomerAccountWorkflow(container).run({
    input: {
      authIdentityId: identity.id,
      customerData: {
        email: DEMO.shopperEmail,
        first_name: "Sam",
        last_name: "Shopper",
        addresses: [
          {
            first_name: "Sam",
            last_name: "Shopper",
            address_1: "5 Reward Street",
            city: "Boston",
            province: "MA",
            postal_code: "02110",
            country_code: "us",
            is_default_shipping: true,
            is_default_billing: true,
          },
        ],
      },
    },
  })
  return result
}
