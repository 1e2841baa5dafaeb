/** Number, date and money formatting shared by the loyalty points screens. */
export const numberFormat = new Intl.NumberFormat()
export const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" })
export const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" })

export const formatPoints = (points: number) => numberFormat.format(points)

export const formatSignedPoints = (points: number) =>
  points > 0 ? `+${formatPoints(points)}` : points < 0 ? `−${formatPoints(-points)}` : "0"

export const pluralPoints = (points: number) => `${formatPoints(points)} ${Math.abs(points) === 1 ? "point" : "points"}`

export const formatMoney = (amount: number, currencyCode: string) => {
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: currencyCode.toUpperCase() }).format(amount)
  } catch {
    // An unknown currency code: still say what it is worth.
    return `${amount.toFixed(2)} ${currencyCode.toUpperCase()}`
  }
}

export const formatDate = (value: string | Date | null | undefined) => (value ? dateFormat.format(new Date(value)) : "—")
export const formatDateTime = (value: string | Date | null | undefined) =>
  value ? dateTimeFormat.format(new Date(value)) : "—"

/** The colour of a signed number of points. */
export const pointsClass = (points: number) =>
  points > 0 ? "text-ui-tag-green-text" : points < 0 ? "text-ui-tag-red-text" : "text-ui-fg-muted"
