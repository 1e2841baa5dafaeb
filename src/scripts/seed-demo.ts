/**
 * Seeds the demo store `npm run demo` serves: two regions (USD, EUR), tax regions, a
 * warehouse with shipping, a publishable API key, a few products with stock, a demo
 * shopper with points history and an admin user.
 *
 * Run: `npx medusa exec ./src/scripts/seed-demo.ts`. Every part looks for what an
 * earlier run created and adds only what is missing, so running it again changes
 * nothing, and a run that failed half-way is completed by the next one.
 */
import {
  createApiKeysWorkflow,
  createCustomerAccountWorkflow,
  createInventoryLevelsWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  createUsersWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import { writeFileSync } from "fs"
import { CreateRegionDTO, ExecArgs, FulfillmentWorkflow, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, FeatureFlag, Modules, ProductStatus } from "@medusajs/framework/utils"
import { LOYALTY_POINTS_MODULE } from "../types/module"
import type { ILoyaltyPointsModuleService } from "../types"
import { GraphRecord } from "../utils/graph-record"

export const DEMO = {
  adminEmail: "admin@example.com",
  adminPassword: "supersecret",
  shopperEmail: "shopper@example.com",
  shopperPassword: "supersecret",
  apiKeyTitle: "Demo Webshop", // only when the sales channel has no publishable key
  salesChannelName: "Default Sales Channel",
  stockLocationName: "Demo Warehouse",
  fulfillmentSetName: "Demo Warehouse shipping",
}

const REGIONS = [
  { name: "Demo USD", currency_code: "usd", countries: ["us", "ca"], zone: "North America" },
  { name: "Demo EUR", currency_code: "eur", countries: ["de", "fr", "nl", "es", "it"], zone: "Europe" },
]

type ProductSeed = {
  title: string
  handle: string
  description: string
  options: { title: string; values: string[] }[]
  variants: { title: string; sku: string; options: Record<string, string>; usd: number; eur: number }[]
}

// No images: the demo runs offline.
const PRODUCTS: ProductSeed[] = [
  {
    title: "Loyalty Tee",
    handle: "demo-loyalty-tee",
    description: "A soft cotton T-shirt. Earns points like everything else in the store.",
    options: [{ title: "Size", values: ["S", "M", "L"] }],
    variants: ["S", "M", "L"].map((size) => ({
      title: size,
      sku: `DEMO-TEE-${size}`,
      options: { Size: size },
      usd: 25,
      eur: 23,
    })),
  },
  {
    title: "Rewards Hoodie",
    handle: "demo-rewards-hoodie",
    description: "A heavy hoodie for members who climbed a tier.",
    options: [{ title: "Size", values: ["M", "L"] }],
    variants: ["M", "L"].map((size) => ({
      title: size,
      sku: `DEMO-HOODIE-${size}`,
      options: { Size: size },
      usd: 60,
      eur: 55,
    })),
  },
  {
    title: "Canvas Tote",
    handle: "demo-canvas-tote",
    description: "Carries your groceries and your points.",
    options: [{ title: "Colour", values: ["Natural"] }],
    variants: [{ title: "Natural", sku: "DEMO-TOTE", options: { Colour: "Natural" }, usd: 15, eur: 14 }],
  },
  {
    title: "Ceramic Mug",
    handle: "demo-ceramic-mug",
    description: "Coffee tastes better at redemption value.",
    options: [{ title: "Colour", values: ["White"] }],
    variants: [{ title: "White", sku: "DEMO-MUG", options: { Colour: "White" }, usd: 12, eur: 11 }],
  },
]

export default async function seedDemo({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)

  const salesChannel = await ensureSalesChannel(container)
  const regions = await ensureRegions(container)
  await ensureStore(container, salesChannel.id, regions["usd"].id)
  await ensureTaxRegions(container)
  const shippingProfileId = await ensureShippingProfile(container)
  const locationId = await ensureStockLocation(container, salesChannel.id)
  await ensureShipping(container, locationId, shippingProfileId, regions)
  const apiKey = await ensurePublishableKey(container, salesChannel.id)
  await ensureProducts(container, salesChannel.id, shippingProfileId)
  await ensureStock(container, locationId)
  const admin = await ensureAdminUser(container)
  const customer = await ensureShopper(container)
  const account = await ensurePointsHistory(container, customer.id, admin.id)

  logger.info(
    `Demo store ready: admin ${DEMO.adminEmail}, shopper ${DEMO.shopperEmail} ` +
      `(${account.balance} points, ${account.pending} pending), publishable key ${apiKey.token}`
  )
  // `npm run demo` prints these once the server answers.
  if (process.env.DEMO_SUMMARY_FILE) {
    writeFileSync(
      process.env.DEMO_SUMMARY_FILE,
      JSON.stringify(
        {
          admin: { email: DEMO.adminEmail, password: DEMO.adminPassword },
          shopper: { email: DEMO.shopperEmail, password: DEMO.shopperPassword, customer_id: customer.id },
          points: { balance: account.balance, pending: account.pending },
          publishable_api_key: apiKey.token,
          regions: Object.fromEntries(Object.entries(regions).map(([currency, region]) => [currency, region.id])),
          sales_channel_id: salesChannel.id,
        },
        null,
        2
      )
    )
  }
}

async function ensureSalesChannel(container: MedusaContainer) {
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

async function ensureRegions(container: MedusaContainer) {
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

async function ensureStore(container: MedusaContainer, salesChannelId: string, regionId: string) {
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

async function ensureTaxRegions(container: MedusaContainer) {
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

async function ensureShippingProfile(container: MedusaContainer) {
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

async function ensureStockLocation(container: MedusaContainer, salesChannelId: string) {
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

async function ensureShipping(
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

/**
 * Medusa creates a "Default Publishable API Key" on the default sales channel when it
 * boots a database without any: the demo uses that one (or any other live key of the
 * channel) rather than adding a second.
 */
async function ensurePublishableKey(container: MedusaContainer, salesChannelId: string) {
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

async function ensureProducts(container: MedusaContainer, salesChannelId: string, shippingProfileId: string) {
  const productModule = container.resolve(Modules.PRODUCT)
  const existing = await productModule.listProducts({ handle: PRODUCTS.map((product) => product.handle) })
  const have = new Set(existing.map((product) => product.handle))
  const missing = PRODUCTS.filter((product) => !have.has(product.handle))
  if (!missing.length) {
    return
  }
  await createProductsWorkflow(container).run({
    input: {
      products: missing.map((product) => ({
        title: product.title,
        handle: product.handle,
        description: product.description,
        status: ProductStatus.PUBLISHED,
        shipping_profile_id: shippingProfileId,
        options: product.options,
        variants: product.variants.map((variant) => ({
          title: variant.title,
          sku: variant.sku,
          options: variant.options,
          manage_inventory: true,
          prices: [
            { currency_code: "usd", amount: variant.usd },
            { currency_code: "eur", amount: variant.eur },
          ],
        })),
        sales_channels: [{ id: salesChannelId }],
      })),
    },
  })
}

async function ensureStock(container: MedusaContainer, locationId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const skus = PRODUCTS.flatMap((product) => product.variants.map((variant) => variant.sku))
  const { data: items } = await query.graph({
    entity: "inventory_item",
    fields: ["id", "sku", "location_levels.location_id"],
    filters: { sku: skus },
  })
  const levels = items
    .filter((item: GraphRecord) => !(item.location_levels ?? []).some((level: GraphRecord) => level?.location_id === locationId))
    .map((item: GraphRecord) => ({ inventory_item_id: item.id, location_id: locationId, stocked_quantity: 500 }))
  if (levels.length) {
    await createInventoryLevelsWorkflow(container).run({ input: { inventory_levels: levels } })
  }
}

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

async function ensureAdminUser(container: MedusaContainer) {
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

async function ensureShopper(container: MedusaContainer) {
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

/**
 * A believable history written through the ledger itself. Idempotency keys (per
 * customer) make a second run replay these entries instead of adding new ones.
 */
async function ensurePointsHistory(container: MedusaContainer, customerId: string, adminId: string) {
  const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const account = await loyalty.retrieveOrCreateAccount(customerId)
  const key = (name: string) => `demo-seed:${customerId}:${name}`
  const inDays = (days: number) => new Date(Date.now() + days * 24 * 60 * 60 * 1000)

  await loyalty.creditPoints({
    account_id: account.id,
    points: 500,
    type: "bonus",
    reason: "signup_bonus",
    note: "Welcome to the programme",
    idempotency_key: key("signup-bonus"),
    currency_code: "usd",
  })
  await loyalty.creditPoints({
    account_id: account.id,
    points: 1200,
    type: "import",
    reason: "migration",
    note: "Balance carried over from the previous loyalty programme",
    idempotency_key: key("import"),
    currency_code: "usd",
  })
  // Expires soon, so the admin and store show points about to expire.
  await loyalty.creditPoints({
    account_id: account.id,
    points: 150,
    type: "bonus",
    reason: "campaign",
    note: "Double points weekend",
    expires_at: inDays(20),
    idempotency_key: key("campaign-bonus"),
    currency_code: "usd",
  })
  await loyalty.creditPoints({
    account_id: account.id,
    points: 250,
    type: "adjust",
    reason: "goodwill",
    note: "Sorry about the late delivery",
    actor_type: "user",
    actor_id: adminId,
    idempotency_key: key("goodwill"),
    currency_code: "usd",
  })
  await loyalty.debitPoints({
    account_id: account.id,
    points: 300,
    type: "adjust",
    reason: "correction",
    note: "Duplicate bonus removed",
    actor_type: "user",
    actor_id: adminId,
    idempotency_key: key("correction"),
    currency_code: "usd",
  })
  const { account: latest } = await loyalty.addPendingPoints({
    account_id: account.id,
    points: 80,
    reason: "order",
    note: "Earned on an order awaiting payment capture",
    idempotency_key: key("pending"),
    currency_code: "usd",
  })
  return latest
}
