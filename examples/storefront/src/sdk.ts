import Medusa from "@medusajs/js-sdk"

/** Served next to the page by whoever serves it (scripts/test-storefront.js, or `vite` with a public/config.json). */
export type StorefrontConfig = { baseUrl: string; publishableKey: string; regionId: string }

export async function loadConfig(): Promise<StorefrontConfig> {
  const response = await fetch("/config.json")
  return await response.json()
}

export function createSdk(config: StorefrontConfig) {
  return new Medusa({
    baseUrl: config.baseUrl,
    publishableKey: config.publishableKey,
    auth: { type: "jwt", jwtTokenStorageMethod: "memory" },
  })
}

export type Sdk = ReturnType<typeof createSdk>
