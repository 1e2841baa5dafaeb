import { assertValidAdjustment } from "../validate-adjustment"

const now = new Date("2030-01-01T00:00:00Z")
const adjustment = (expires_at: string | Date | null, points = 10) => ({
  customer_id: "cus_1",
  points,
  reason: "goodwill",
  idempotency_key: "key-1",
  expires_at,
})

describe("assertValidAdjustment", () => {
  it("takes a credit or an expiry move with a future ISO date, as text or as a Date", () => {
    expect(() => assertValidAdjustment(adjustment("2030-03-01"), now)).not.toThrow()
    expect(() => assertValidAdjustment(adjustment("2030-03-01T10:00:00.000Z", 0), now)).not.toThrow()
    expect(() => assertValidAdjustment(adjustment(new Date("2030-03-01T00:00:00Z")), now)).not.toThrow()
  })

  // The workflow is its own boundary (jobs and other plugins run it without the route):
  // dates `new Date` reads anyway are refused here too, not moved to another day.
  it.each(["2030-02-30", "2030-04-31", "March 5 2030", "03/04/2030", "soon"])("refuses expires_at %s by name", (expiresAt) => {
    expect(() => assertValidAdjustment(adjustment(expiresAt), now)).toThrow(
      `expires_at must be a valid date, got ${JSON.stringify(expiresAt)}`
    )
  })

  it("refuses a past expiry and an expiry on a debit", () => {
    expect(() => assertValidAdjustment(adjustment("2029-12-31"), now)).toThrow("expires_at must lie in the future")
    expect(() => assertValidAdjustment(adjustment("2030-03-01", -10), now)).toThrow("not to a debit")
  })
})
