import type { HttpError, HttpResponse, ResponseBody } from "./http"

/**
 * Polls until `check` stops throwing: subscribers run after the request that emitted
 * their event has answered.
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const started = Date.now()
  for (;;) {
    try {
      return await check()
    } catch (error) {
      if (Date.now() - started > timeoutMs) {
        throw error
      }
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
}

/** A request's status and body, whether it succeeded or not (no status when no answer came). */
export function outcome(promise: Promise<HttpResponse>): Promise<{ status: number | undefined; data: ResponseBody }> {
  return promise.then(
    (response) => ({ status: response.status, data: response.data }),
    (error: HttpError) => ({ status: error.response?.status, data: error.response?.data })
  )
}
