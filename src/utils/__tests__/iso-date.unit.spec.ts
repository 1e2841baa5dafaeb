import { isCalendarDate, isIsoDate, parseIsoDate } from "../iso-date"

describe("isIsoDate", () => {
  it.each(["2030-02-28", "2032-02-29", "2030-12-31T23:59:59Z", "2030-01-01T00:00:00.000Z", "2030-06-30T12:00+02:00", "2030-06-30 12:00:00+0200"])(
    "takes %s",
    (value) => {
      expect(isIsoDate(value)).toBe(true)
    }
  )

  it.each([
    // Days that do not exist: JavaScript's Date reads each as a day of the next month.
    "2030-02-29",
    "2030-02-30",
    "2030-04-31",
    "2030-13-01",
    // Text JavaScript's Date reads anyway.
    "March 5 2030",
    "03/04/2030",
    "2030",
    "2030-1-5",
    "",
    "not a date",
  ])("refuses %s", (value) => {
    expect(isIsoDate(value)).toBe(false)
  })
})

describe("isCalendarDate", () => {
  it("takes a day written YYYY-MM-DD that exists, and nothing else", () => {
    expect(["1990-02-28", "1992-02-29"].map(isCalendarDate)).toEqual([true, true])
    expect(["1990-02-29", "1990-02-30", "1990-02-28T00:00:00Z", "1990-2-28"].map(isCalendarDate)).toEqual([false, false, false, false])
  })
})

describe("parseIsoDate", () => {
  it("answers the date an ISO text names, and null for a day that does not exist", () => {
    expect(parseIsoDate("2030-03-01T10:00:00.000Z")?.toISOString()).toBe("2030-03-01T10:00:00.000Z")
    expect(parseIsoDate("2030-02-30")).toBeNull()
    expect(parseIsoDate("March 5 2030")).toBeNull()
  })
})
