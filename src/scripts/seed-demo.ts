/**
 * Seeds the demo store `npm run demo` serves: two regions (USD, EUR), tax regions, a
 * warehouse with shipping, a publishable API key, a few products with stock, a demo
 * shopper with points history and an admin user.
 *
 * Run: `npx medusa exec ./src/scripts/seed-demo.ts`. Every part looks for what an
 * earlier run created and adds only what is missing, so running it again changes
 * nothing, and a run that failed half-way is completed by the next one. The parts live
 * in `seed-demo/` by concern, to keep each file short; this file only runs them in order.
 */
import { writeFileSync } from "fs"
import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ensureAdminUser, ensureShopper } from "./seed-demo/admin-and-shopper"
import { DEMO } from "./seed-demo/fixtures"
import { ensurePointsHistory } from "./seed-demo/points-history"
import { ensureProducts, ensureStock } from "./seed-demo/products"
import {
  ensurePublishableKey,
  ensureRegions,
  ensureSalesChannel,
  ensureStore,
  ensureTaxRegions,
} from "./seed-demo/store-and-regions"
import { ensureShipping, ensureShippingProfile, ensureStockLocation } from "./seed-demo/warehouse-and-shipping"

export { DEMO }

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
