/** What the demo seed creates: logins, names, regions and the catalogue. */
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

export const REGIONS = [
  { name: "Demo USD", currency_code: "usd", countries: ["us", "ca"], zone: "North America" },
  { name: "Demo EUR", currency_code: "eur", countries: ["de", "fr", "nl", "es", "it"], zone: "Europe" },
]

export type ProductSeed = {
  title: string
  handle: string
  description: string
  options: { title: string; values: string[] }[]
  variants: { title: string; sku: string; options: Record<string, string>; usd: number; eur: number }[]
}

// No images: the demo runs offline.
export const PRODUCTS: ProductSeed[] = [
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
