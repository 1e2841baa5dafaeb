/** Whole points with the locale's grouping ("1,250"). */
export function formatPoints(points: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(points)
}

/** A money amount in major units ("$12.50"). */
export function formatMoney(amount: number, currencyCode: string, locale?: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency: currencyCode.toUpperCase() }).format(amount)
  } catch {
    return `${amount.toFixed(2)} ${currencyCode.toUpperCase()}`
  }
}
