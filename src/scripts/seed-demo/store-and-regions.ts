import {
  createApiKeysWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import { CreateRegionDTO, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { GraphRecord } from "../../utils/graph-record"
import { DEMO, REGIONS } from "./fixtures"

export async function ensureSalesChannel(container: MedusaContainer) {
  const salesChannels = container.resolve(Modules.SALES_CHANNEL)
  const [existing] = await salesChannels.listSalesChannels({ name: DEMO.salesChannelName })
  if (existing) {
    return existing
  }
  const { result } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: DEMO.salesChannelName }] },
  })
  return result[0]
}

export async function ensureRegions(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const regionModule = container.resolve(Modules.REGION)
  const all = await regionModule.listRegions({}, { relations: ["countries"] })
  const taken = new Set(all.flatMap((region) => (region.countries ?? []).map((country) => country.iso_2)))
  const byCurrency: Record<string, { id: string }> = {}
  const missing: (CreateRegionDTO & { payment_providers?: string[] })[] = []
  for (const seed of REGIONS) {
    const existing = all.find((region) => region.name === seed.name)
    if (existing) {
      byCurrency[seed.currency_code] = existing
      continue
    }
    missing.push({
      name: seed.name,
      currency_code: seed.currency_code,
      // A country belongs to one region only: leave out those another region has.
      countries: seed.countries.filter((code) => !taken.has(code)),
      payment_providers: ["pp_system_default"],
    })
  }
  if (missing.length) {
    logger.info(`Creating regions ${missing.map((region) => region.name).join(", ")}...`)
    const { result } = await createRegionsWorkflow(container).run({ input: { regions: missing } })
    for (const region of result) {
      byCurrency[region.currency_code] = region
    }
  }
  return byCurrency
}

export async function ensureStore(container: MedusaContainer, salesChannelId: string, regionId: string) {
  const storeModule = container.resolve(Modules.STORE)
  const [store] = await storeModule.listStores({}, { relations: ["supported_currencies"] })
  const currencies = (store.supported_currencies ?? []).map((currency) => ({
    currency_code: currency.currency_code,
    is_default: currency.is_default,
    is_tax_inclusive: (currency as { is_tax_inclusive?: boolean }).is_tax_inclusive,
  }))
  const codes = currencies.map((currency) => currency.currency_code)
  const needsCurrencies = !codes.includes("usd") || !codes.includes("eur")
  if (!needsCurrencies && store.default_sales_channel_id && store.default_region_id) {
    return
  }
  for (const code of ["usd", "eur"]) {
    if (!codes.includes(code)) {
      currencies.push({ currency_code: code, is_default: false, is_tax_inclusive: false })
    }
  }
  if (!currencies.some((currency) => currency.is_default)) {
    currencies.find((currency) => currency.currency_code === "usd")!.is_default = true
  }
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: {
        supported_currencies: currencies,
        default_sales_channel_id: store.default_sales_channel_id ?? salesChannelId,
        default_region_id: store.default_region_id ?? regionId,
      },
    },
  })
}

export async function ensureTaxRegions(container: MedusaContainer) {
  const taxModule = container.resolve(Modules.TAX)
  const wanted = REGIONS.flatMap((region) => region.countries)
  const existing = await taxModule.listTaxRegions({ country_code: wanted, parent_id: null } as unknown as Parameters<typeof taxModule.listTaxRegions>[0])
  const have = new Set(existing.map((taxRegion) => taxRegion.country_code))
  const missing = wanted.filter((code) => !have.has(code))
  if (missing.length) {
    await createTaxRegionsWorkflow(container).run({
      input: missing.map((country_code) => ({ country_code, provider_id: "tp_system" })),
    })
  }
}

/**
 * Medusa creates a "Default Publishable API Key" on the default sales channel when it
 * boots a database without any: the demo uses that one (or any other live key of the
 * channel) rather than adding a second.
 */
export async function ensurePublishableKey(container: MedusaContainer, salesChannelId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: keys } = await query.graph({
    entity: "api_key",
    fields: ["id", "title", "token", "revoked_at", "created_at", "sales_channels.id"],
    filters: { type: "publishable" },
  })
  const usable = keys
    .filter((key: GraphRecord) => !key.revoked_at && (key.sales_channels ?? []).some((channel: GraphRecord) => channel?.id === salesChannelId))
    .sort((a: GraphRecord, b: GraphRecord) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime())
  if (usable.length) {
    return usable[0] as { id: string; token: string }
  }
  const { result } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: DEMO.apiKeyTitle, type: "publishable", created_by: "" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: result[0].id, add: [salesChannelId] },
  })
  return result[0]
}
