import {
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
} from "@medusajs/medusa/core-flows"
import { FulfillmentWorkflow, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { DEMO, REGIONS } from "./fixtures"

export async function ensureShippingProfile(container: MedusaContainer) {
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const [existing] = await fulfillment.listShippingProfiles({ type: "default" })
  if (existing) {
    return existing.id
  }
  const { result } = await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: "Default Shipping Profile", type: "default" }] },
  })
  return result[0].id
}

export async function ensureStockLocation(container: MedusaContainer, salesChannelId: string) {
  const stockLocations = container.resolve(Modules.STOCK_LOCATION)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const [existing] = await stockLocations.listStockLocations({ name: DEMO.stockLocationName })
  if (existing) {
    return existing.id
  }
  const { result } = await createStockLocationsWorkflow(container).run({
    input: {
      locations: [
        {
          name: DEMO.stockLocationName,
          address: { address_1: "1 Loyalty Lane", city: "New York", country_code: "US" },
        },
      ],
    },
  })
  const location = result[0]
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: location.id, add: [salesChannelId] },
  })
  return location.id
}

export async function ensureShipping(
  container: MedusaContainer,
  locationId: string,
  shippingProfileId: string,
  regions: Record<string, { id: string }>
) {
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  let [fulfillmentSet] = await fulfillment.listFulfillmentSets(
    { name: DEMO.fulfillmentSetName },
    { relations: ["service_zones"] }
  )
  if (!fulfillmentSet) {
    fulfillmentSet = await fulfillment.createFulfillmentSets({
      name: DEMO.fulfillmentSetName,
      type: "shipping",
      service_zones: REGIONS.map((region) => ({
        name: region.zone,
        geo_zones: region.countries.map((country_code) => ({ country_code, type: "country" as const })),
      })),
    })
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: locationId },
      [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
    })
  }

  const options: FulfillmentWorkflow.CreateShippingOptionsWorkflowInput[] = []
  for (const region of REGIONS) {
    const zone = fulfillmentSet.service_zones.find((serviceZone) => serviceZone.name === region.zone)
    if (!zone) {
      continue
    }
    const existing = await fulfillment.listShippingOptions({ service_zone: { id: zone.id } })
    if (existing.length) {
      continue
    }
    for (const [label, code, amount, description] of [
      ["Standard", "standard", 5, "Ships in 2-3 days."],
      ["Express", "express", 15, "Ships in 24 hours."],
    ] as const) {
      options.push({
        name: `${label} Shipping (${region.currency_code.toUpperCase()})`,
        price_type: "flat",
        provider_id: "manual_manual",
        service_zone_id: zone.id,
        shipping_profile_id: shippingProfileId,
        type: { label, description, code },
        prices: [
          { currency_code: region.currency_code, amount },
          { region_id: regions[region.currency_code].id, amount },
        ],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" },
          { attribute: "is_return", value: "false", operator: "eq" },
        ],
      })
    }
  }
  if (options.length) {
    await createShippingOptionsWorkflow(container).run({ input: options })
  }
}
