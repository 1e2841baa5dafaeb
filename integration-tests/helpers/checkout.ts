import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createCollectionsWorkflow,
  createProductCategoriesWorkflow,
  createProductsWorkflow,
  createProductTypesWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
} from "@medusajs/medusa/core-flows"
import type { Api, HttpError, RequestConfig } from "./http"

/** Region per currency; GBP exists so a test can check a currency without an earn rate. */
const REGIONS = [
  { currency_code: "usd", country: "us" },
  { currency_code: "eur", country: "de" },
  { currency_code: "gbp", country: "gb" },
] as const

export const TAX_RATE = 10
export const SHIPPING_PRICE = 10

export type CheckoutStore = {
  publishableKey: string
  salesChannelId: string
  regions: Record<"usd" | "eur" | "gbp", { id: string; country: string }>
  products: Record<"plain" | "sale" | "shoes" | "giftcard", { id: string; variant_id: string }>
  collectionId: string
  categoryId: string
  typeId: string
}

/**
 * A store a shopper can check out in: regions in USD, EUR and GBP with the system payment
 * provider and a 10% tax, a stock location with a flat 10 shipping option per region, a
 * publishable key, and products priced in every currency (plain; one in a "sale"
 * collection; one in a "shoes" category with a product type; one gift card).
 */
export async function createCheckoutStore(container: MedusaContainer): Promise<CheckoutStore> {
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const fulfillment = container.resolve(Modules.FULFILLMENT)

  const {
    result: [salesChannel],
  } = await createSalesChannelsWorkflow(container).run({ input: { salesChannelsData: [{ name: "Webshop" }] } })
  const {
    result: [apiKey],
  } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "Webshop", type: "publishable", created_by: "" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: apiKey.id, add: [salesChannel.id] } })

  const { result: regions } = await createRegionsWorkflow(container).run({
    input: {
      regions: REGIONS.map((region) => ({
        name: region.currency_code.toUpperCase(),
        currency_code: region.currency_code,
        countries: [region.country],
        payment_providers: ["pp_system_default"],
      })),
    },
  })
  await createTaxRegionsWorkflow(container).run({
    input: REGIONS.map((region) => ({
      country_code: region.country,
      provider_id: "tp_system",
      default_tax_rate: { rate: TAX_RATE, code: "VAT", name: "VAT" },
    })),
  })

  const {
    result: [shippingProfile],
  } = await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: "Default", type: "default" }] },
  })
  const {
    result: [location],
  } = await createStockLocationsWorkflow(container).run({
    input: { locations: [{ name: "Warehouse", address: { address_1: "1 Main St", country_code: "US", city: "NYC" } }] },
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: location.id, add: [salesChannel.id] } })
  const fulfillmentSet = await fulfillment.createFulfillmentSets({
    name: "Warehouse shipping",
    type: "shipping",
    service_zones: REGIONS.map((region) => ({
      name: region.country,
      geo_zones: [{ country_code: region.country, type: "country" as const }],
    })),
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  })
  await createShippingOptionsWorkflow(container).run({
    input: REGIONS.map((region) => ({
      name: `Standard ${region.currency_code}`,
      price_type: "flat" as const,
      provider_id: "manual_manual",
      service_zone_id: fulfillmentSet.service_zones.find((zone) => zone.name === region.country)!.id,
      shipping_profile_id: shippingProfile.id,
      type: { label: "Standard", description: "Standard", code: "standard" },
      prices: [{ currency_code: region.currency_code, amount: SHIPPING_PRICE }],
      rules: [
        { attribute: "enabled_in_store", value: "true", operator: "eq" as const },
        { attribute: "is_return", value: "false", operator: "eq" as const },
      ],
    })),
  })

  const {
    result: [collection],
  } = await createCollectionsWorkflow(container).run({ input: { collections: [{ title: "Sale", handle: "sale" }] } })
  const {
    result: [category],
  } = await createProductCategoriesWorkflow(container).run({
    input: { product_categories: [{ name: "Shoes", handle: "shoes", is_active: true }] },
  })
  const {
    result: [type],
  } = await createProductTypesWorkflow(container).run({ input: { product_types: [{ value: "Footwear" }] } })

  const product = (handle: string, extra: Record<string, unknown> = {}) => ({
    title: handle,
    handle,
    status: ProductStatus.PUBLISHED,
    shipping_profile_id: shippingProfile.id,
    options: [{ title: "Size", values: ["One"] }],
    variants: [
      {
        title: "One",
        options: { Size: "One" },
        manage_inventory: false,
        prices: [
          { currency_code: "usd", amount: 50 },
          { currency_code: "eur", amount: 40 },
          { currency_code: "gbp", amount: 30 },
        ],
      },
    ],
    sales_channels: [{ id: salesChannel.id }],
    ...extra,
  })
  const { result: products } = await createProductsWorkflow(container).run({
    input: {
      products: [
        product("plain"),
        product("sale", { collection_id: collection.id }),
        product("shoes", { category_ids: [category.id], type_id: type.id }),
        product("giftcard", { is_giftcard: true }),
      ],
    },
  })
  const byHandle = Object.fromEntries(
    products.map((p) => [p.handle, { id: p.id, variant_id: p.variants[0].id }])
  ) as CheckoutStore["products"]

  return {
    publishableKey: apiKey.token,
    salesChannelId: salesChannel.id,
    regions: Object.fromEntries(
      REGIONS.map((r) => [r.currency_code, { id: regions.find((x) => x.currency_code === r.currency_code)!.id, country: r.country }])
    ) as CheckoutStore["regions"],
    products: byHandle,
    collectionId: collection.id,
    categoryId: category.id,
    typeId: type.id,
  }
}

/** Headers for a store call, with a customer token when given. */
export function storeHeaders(store: CheckoutStore, token?: string) {
  return {
    headers: {
      "x-publishable-api-key": store.publishableKey,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  }
}

/**
 * Registers a shopper the way a storefront does (register, create the customer, log
 * in) and returns the login token and customer id.
 */
export async function registerShopper(api: Api, store: CheckoutStore, email: string) {
  const password = "supersecret"
  const registration = await api.post("/auth/customer/emailpass/register", { email, password })
  const created = await api.post(
    "/store/customers",
    { email, first_name: "Shopper", last_name: email.split("@")[0] },
    storeHeaders(store, registration.data.token)
  )
  const login = await api.post("/auth/customer/emailpass", { email, password })
  return { token: login.data.token as string, customer_id: created.data.customer.id as string, email }
}

export type CartLine = { product: keyof CheckoutStore["products"]; quantity?: number }

/**
 * Builds a cart over the Store API: lines, addresses, the region's shipping option. With
 * no token the cart is a guest's (with `email`).
 */
export async function createCart(
  api: Api,
  store: CheckoutStore,
  options: { token?: string; currency?: "usd" | "eur" | "gbp"; lines: CartLine[]; email?: string }
) {
  const currency = options.currency ?? "usd"
  const region = store.regions[currency]
  const headers = storeHeaders(store, options.token)
  const address = { first_name: "A", last_name: "B", address_1: "1 Road", city: "Town", country_code: region.country, postal_code: "12345" }
  const {
    data: { cart },
  } = await api.post(
    "/store/carts",
    { region_id: region.id, sales_channel_id: store.salesChannelId, ...(options.email ? { email: options.email } : {}) },
    headers
  )
  for (const line of options.lines) {
    await api.post(
      `/store/carts/${cart.id}/line-items`,
      { variant_id: store.products[line.product].variant_id, quantity: line.quantity ?? 1 },
      headers
    )
  }
  await api.post(`/store/carts/${cart.id}`, { shipping_address: address, billing_address: address }, headers)
  const {
    data: { shipping_options },
  } = await api.get(`/store/shipping-options?cart_id=${cart.id}`, headers)
  await api.post(`/store/carts/${cart.id}/shipping-methods`, { option_id: shipping_options[0].id }, headers)
  return cart.id as string
}

/** Creates the cart's payment session with the system provider: after the cart's last change. */
export async function preparePayment(api: Api, store: CheckoutStore, cartId: string, token?: string) {
  const headers = storeHeaders(store, token)
  const {
    data: { payment_collection },
  } = await api.post("/store/payment-collections", { cart_id: cartId }, headers)
  await api.post(
    `/store/payment-collections/${payment_collection.id}/payment-sessions`,
    { provider_id: "pp_system_default" },
    headers
  )
}

/** Completes a cart whose payment session exists; throws with Medusa's message when it does not complete. */
export async function placeOrder(api: Api, store: CheckoutStore, cartId: string, token?: string) {
  const { data } = await api.post(`/store/carts/${cartId}/complete`, {}, storeHeaders(store, token)).catch((error: HttpError) => {
    throw new Error(`Cart ${cartId} did not complete (${error.response?.status}): ${error.response?.data?.message ?? error.message}`)
  })
  if (data.type !== "order") {
    throw new Error(`Cart ${cartId} did not complete: ${data.error?.message ?? JSON.stringify(data.error)}`)
  }
  return data.order as { id: string; total: number; currency_code: string; discount_subtotal: number }
}

/** Creates the payment session (after the cart's last change) and completes the cart. */
export async function completeCart(api: Api, store: CheckoutStore, cartId: string, token?: string) {
  await preparePayment(api, store, cartId, token)
  return await placeOrder(api, store, cartId, token)
}

/** The order's payments (id, amount), as an admin reads them. */
export async function orderPayments(api: Api, orderId: string, adminHeaders: RequestConfig) {
  const {
    data: { order },
  } = await api.get(`/admin/orders/${orderId}?fields=*payment_collections.payments`, adminHeaders)
  const collections: { payments: { id: string; amount: number }[] }[] = order.payment_collections
  return collections.flatMap((collection) => collection.payments)
}
