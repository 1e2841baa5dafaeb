import type { EntryType } from "../../types"

export type BadgeColor = "green" | "red" | "blue" | "orange" | "grey" | "purple"

/** How each ledger entry type reads in the dashboard. */
export const ENTRY_LABELS: Record<EntryType, { label: string; color: BadgeColor }> = {
  earn_pending: { label: "Pending", color: "orange" },
  earn: { label: "Earned", color: "green" },
  earn_void: { label: "Voided", color: "red" },
  redeem: { label: "Redeemed", color: "blue" },
  redeem_reversal: { label: "Given back", color: "purple" },
  clawback: { label: "Clawed back", color: "red" },
  expire: { label: "Expired", color: "grey" },
  adjust: { label: "Adjusted", color: "grey" },
  bonus: { label: "Bonus", color: "green" },
  import: { label: "Imported", color: "grey" },
}

export const entryLabel = (type: string) =>
  ENTRY_LABELS[type as EntryType] ?? { label: type, color: "grey" as BadgeColor }

/** The adjustment reasons the drawer offers. */
export const ADJUSTMENT_REASONS = [
  { value: "goodwill", label: "Goodwill" },
  { value: "correction", label: "Correction" },
  { value: "migration", label: "Migration" },
  { value: "fraud", label: "Fraud" },
  { value: "other", label: "Other" },
] as const
