const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/

/** Whether the day exists: JavaScript's Date reads 2030-02-30 as 2 March without a word. */
function dayExists(year: number, month: number, day: number) {
  const calendar = new Date(Date.UTC(year, month - 1, day))
  return calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day
}

/** A well-formed ISO 8601 date or date-time whose day exists. */
export function isIsoDate(value: string) {
  const match = ISO_DATE.exec(value)
  if (!match || Number.isNaN(Date.parse(value))) {
    return false
  }
  return dayExists(Number(match[1]), Number(match[2]), Number(match[3]))
}

/** A day written `YYYY-MM-DD` that exists (a birthday). */
export function isCalendarDate(value: string) {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && isIsoDate(value)
}

/** The date an ISO 8601 text names, or null when it is not one (see isIsoDate). */
export function parseIsoDate(value: string): Date | null {
  return isIsoDate(value) ? new Date(value) : null
}
