import Medusa from "@medusajs/js-sdk"

/*
 * The store's admin build defines these globals (from its medusa-config `admin.backendUrl`
 * and ADMIN_AUTH_TYPE / ADMIN_JWT_TOKEN_STORAGE_KEY), so the widget talks to the same
 * backend, the same way, as the dashboard it is part of. `import.meta.env` would not do
 * in a plugin: `medusa plugin:build` replaces it with the plugin author's values.
 * `typeof` keeps a host that defines none of them from throwing.
 */
const backendUrl = (typeof __BACKEND_URL__ !== "undefined" && __BACKEND_URL__) || "/"
const authType = (typeof __AUTH_TYPE__ !== "undefined" && __AUTH_TYPE__) || "session"
const jwtTokenStorageKey =
  (typeof __JWT_TOKEN_STORAGE_KEY__ !== "undefined" && __JWT_TOKEN_STORAGE_KEY__) || undefined

/** The JS SDK client of the plugin's admin extensions. */
export const sdk = new Medusa({
  baseUrl: backendUrl,
  debug: import.meta.env.DEV,
  auth: {
    type: authType,
    jwtTokenStorageKey,
  },
})
