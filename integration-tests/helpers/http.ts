/**
 * The types of the HTTP calls the tests make: medusaIntegrationTestRunner's `api`
 * (axios) and ./http-store's fetch client have the same shape.
 */

/**
 * The JSON body of an answer. `any` here and only here: @medusajs/test-utils types its
 * `api` as `any` and JSON.parse answers `any`; a test types what it reads from a body
 * where it reads it (with the route's response type, or the fields it checks).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one untyped boundary, see above
export type ResponseBody = any

/** The request options the tests pass: headers. */
export type RequestConfig = { headers?: Record<string, string> }

/** An answer, as axios gives it. */
export type HttpResponse = { status: number; data: ResponseBody }

/** A failed request, as axios throws it: the answer on `response`, none when no answer came. */
export type HttpError = Error & { response?: HttpResponse }

/** The HTTP client the helpers take. */
export type Api = {
  get: (url: string, config?: RequestConfig) => Promise<HttpResponse>
  post: (url: string, body?: unknown, config?: RequestConfig) => Promise<HttpResponse>
  delete: (url: string, config?: RequestConfig) => Promise<HttpResponse>
}
