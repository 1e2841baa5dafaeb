const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/

/** A well-formed ISO 8601 date or date-time whose day exists (JavaScript reads 2030-02-30 as 2 March). */
export function isIsoDate(value: string) {
  const match = ISO_DATE.exec(value)
  if (!match || Number.isNaN(Date.parse(value))) {
    return false
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const calendar = new Date(Date.UTC(year, month - 1, day))
  return calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day
}
