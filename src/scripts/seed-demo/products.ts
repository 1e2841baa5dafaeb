import { createInventoryLevelsWorkflow, createProductsWorkflow } from "@medusajs/medusa/core-flows"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import { GraphRecord } from "../../utils/graph-record"
import { PRODUCTS } from "./fixtures"

export async function ensureProducts(container: MedusaContainer, salesChannelId: string, shippingProfileId: string) {
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

export async function ensureStock(container: MedusaContainer, locationId: string) {
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
