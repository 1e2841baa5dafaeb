import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, generateJwtToken, Modules } from "@medusajs/framework/utils"

export type AdminHeaders = { headers: Record<string, string> }

/**
 * Creates an admin user with an emailpass identity and returns request headers carrying
 * a JWT for it, signed with the app's own secret (adapted from Medusa's
 * integration-tests/helpers/create-admin-user.ts). Call it in `beforeEach`: the test
 * runner resets the database between tests.
 *
 * @example
 * const adminHeaders = await createAdminUser(getContainer())
 * await api.get("/admin/loyalty-points/tiers", adminHeaders)
 */
export async function createAdminUser(
  container: MedusaContainer,
  { email = "admin@medusa.test" }: { email?: string } = {}
): Promise<AdminHeaders & { user_id: string }> {
  const userModule = container.resolve(Modules.USER)
  const authModule = container.resolve(Modules.AUTH)
  const user = await userModule.createUsers({ first_name: "Admin", last_name: "User", email })
  const authIdentity = await authModule.createAuthIdentities({
    provider_identities: [{ provider: "emailpass", entity_id: email, provider_metadata: {} }],
    app_metadata: { user_id: user.id },
  })
  const { http } = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE).projectConfig
  const token = generateJwtToken(
    { actor_id: user.id, actor_type: "user", auth_identity_id: authIdentity.id, app_metadata: { user_id: user.id } },
    { secret: http.jwtSecret, expiresIn: "1d", jwtOptions: http.jwtOptions }
  )
  return { headers: { authorization: `Bearer ${token}` }, user_id: user.id }
}
