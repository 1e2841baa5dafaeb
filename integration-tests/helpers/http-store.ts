/**
 * The checkout helpers of ./checkout over plain HTTP (fetch), for a store started as
 * real processes rather than by medusaIntegrationTestRunner: an axios-like client and
 * the demo seed's store described as a CheckoutStore.
 */
import type { CheckoutStore } from "./checkout"
import type { Api, HttpError, HttpResponse, RequestConfig, ResponseBody } from "./http"
import type { DemoSummary } from "./store-processes"

export type HttpApi = Api

/** Answers `{ status, data }`; throws on >= 400 with `error.response = { status, data }`, as axios does. */
export function httpApi(baseUrl: string | (() => string)): HttpApi {
  const base = typeof baseUrl === "string" ? () => baseUrl : baseUrl
  const call = async (method: string, url: string, body: unknown, config?: RequestConfig): Promise<HttpResponse> => {
    const response = await fetch(`${base()}${url}`, {
      method,
      headers: { "content-type": "application/json", ...(config?.headers ?? {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    let data: ResponseBody = text
    try {
      data = text ? JSON.parse(text) : undefined
    } catch {
      // not JSON: keep the text
    }
    if (response.status >= 400) {
      const error: HttpError = new Error(`${method} ${url} answered ${response.status}: ${text.slice(0, 300)}`)
      error.response = { status: response.status, data }
      throw error
    }
    return { status: response.status, data }
  }
  return {
    get: (url, config) => call("GET", url, undefined, config),
    post: (url, body, config) => call("POST", url, body ?? {}, config),
    delete: (url, config) => call("DELETE", url, undefined, config),
  }
}

/** The demo seed's store in CheckoutStore's shape: USD region (us), the mug as the "plain" product. */
export async function demoCheckoutStore(api: HttpApi, summary: DemoSummary): Promise<CheckoutStore> {
  const headers = { headers: { "x-publishable-api-key": summary.publishable_api_key } }
  const {
    data: { products },
  } = await api.get(`/store/products?handle=demo-ceramic-mug&fields=id,*variants`, headers)
  if (!products?.length) {
    throw new Error("The demo seed's mug (demo-ceramic-mug) was not found")
  }
  const mug = { id: products[0].id as string, variant_id: products[0].variants[0].id as string }
  return {
    publishableKey: summary.publishable_api_key,
    salesChannelId: summary.sales_channel_id,
    regions: {
      usd: { id: summary.regions.usd, country: "us" },
      eur: { id: summary.regions.eur, country: "de" },
      gbp: { id: summary.regions.usd, country: "us" },
    },
    products: { plain: mug, sale: mug, shoes: mug, giftcard: mug },
    collectionId: "",
    categoryId: "",
    typeId: "",
  }
}

/** Logs the seeded admin in; answers the request config with its token. */
export async function adminHeaders(api: HttpApi, summary: DemoSummary) {
  const { data } = await api.post("/auth/user/emailpass", { email: summary.admin.email, password: summary.admin.password })
  return { headers: { authorization: `Bearer ${data.token}` } }
}
