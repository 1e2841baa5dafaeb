import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { parseIsoDate } from "../../../utils/iso-date"
import { ImportRowDTO, ImportRowError, LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"

/** Largest number of points one row may move, as an adjustment may. */
export const MAX_IMPORT_ROW_POINTS = 1_000_000_000
/** Largest number of rows one import may hold. */
export const MAX_IMPORT_ROWS = 50_000
const LOOKUP_CHUNK = 1000
/** Guests and a registered customer may share an email: read that many per email at most. */
const MAX_CUSTOMERS_PER_EMAIL = 20

/** A row as the route receives it: CSV cells may arrive as text. */
export type RawImportRow = {
  customer_id?: string | null
  email?: string | null
  points?: unknown
  reason?: string | null
  expires_at?: string | null
}

export type ImportRowOutcome = ImportRowDTO & {
  outcome: "credit" | "debit"
  /** The customer's balance after this import, as of now. */
  balance_after: number
}

export type ImportValidation = {
  rows: ImportRowOutcome[]
  errors: ImportRowError[]
  total_points: number
}

const chunks = <T,>(items: T[]) => {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += LOOKUP_CHUNK) out.push(items.slice(i, i + LOOKUP_CHUNK))
  return out
}

/**
 * Checks every row of an import before anything is applied and resolves its customer:
 * exactly one of `customer_id` or `email` naming an existing customer (a registered one
 * preferred where an email has several), whole non-zero points, an expiry in the future
 * and only on a credit, and no customer taken below zero by the import's debits. Reads
 * customers and accounts in chunks, never one per row. Rows are numbered from 1.
 *
 * @example
 * const { rows, errors } = await validateImportRows(req.scope, [{ email: "a@b.c", points: 100 }])
 */
export async function validateImportRows(
  container: MedusaContainer,
  raw: RawImportRow[],
  now: Date = new Date()
): Promise<ImportValidation> {
  const errors: ImportRowError[] = []
  const fail = (row: number, message: string) => errors.push({ row, message })
  const customerModule = container.resolve(Modules.CUSTOMER)

  const ids = [...new Set(raw.map((row) => row.customer_id?.trim()).filter((id): id is string => Boolean(id)))]
  const emails = [...new Set(raw.map((row) => row.email?.trim().toLowerCase()).filter((email): email is string => Boolean(email)))]
  const byId = new Map<string, { id: string; email: string | null }>()
  const byEmail = new Map<string, { id: string; email: string | null; has_account: boolean }>()
  for (const chunk of chunks(ids)) {
    for (const customer of await customerModule.listCustomers({ id: chunk }, { select: ["id", "email"], take: chunk.length })) {
      byId.set(customer.id, { id: customer.id, email: customer.email ?? null })
    }
  }
  for (const chunk of chunks(emails)) {
    const found = await customerModule.listCustomers({ email: chunk }, { select: ["id", "email", "has_account"], take: chunk.length * MAX_CUSTOMERS_PER_EMAIL })
    for (const customer of found) {
      const key = (customer.email ?? "").toLowerCase()
      const current = byEmail.get(key)
      if (!current || (!current.has_account && customer.has_account)) {
        byEmail.set(key, { id: customer.id, email: customer.email ?? null, has_account: Boolean(customer.has_account) })
      }
    }
  }

  const rows: Omit<ImportRowOutcome, "balance_after">[] = []
  raw.forEach((input, index) => {
    const row = index + 1
    const before = errors.length
    const customerId = input.customer_id?.trim() || null
    const email = input.email?.trim().toLowerCase() || null
    let customer: { id: string; email: string | null } | undefined
    if (customerId && email) {
      fail(row, "give either customer_id or email, not both")
    } else if (!customerId && !email) {
      fail(row, "customer_id or email is required")
    } else if (customerId) {
      customer = byId.get(customerId)
      if (!customer) fail(row, `no customer with id ${customerId}`)
    } else {
      customer = byEmail.get(email!)
      if (!customer) fail(row, `no customer with email ${email}`)
    }

    const pointsText = typeof input.points === "string" ? input.points.trim() : input.points
    const points = typeof pointsText === "number" ? pointsText : pointsText === "" || pointsText == null ? NaN : Number(pointsText)
    if (!Number.isInteger(points) || points === 0 || Math.abs(points) > MAX_IMPORT_ROW_POINTS) {
      fail(row, `points must be a whole number other than 0, at most ${MAX_IMPORT_ROW_POINTS} either way; got ${JSON.stringify(input.points ?? null)}`)
    }
    const reason = input.reason?.trim() || "import"
    if (reason.length > 255) fail(row, "reason must be at most 255 characters")
    let expiresAt: string | null = null
    if (input.expires_at && input.expires_at.trim()) {
      // Not `new Date` alone: it reads 2030-02-30 as 2 March and 03/04/2030 by US custom.
      const date = parseIsoDate(input.expires_at.trim())
      if (!date) {
        fail(row, `expires_at must be a date (ISO 8601), got ${JSON.stringify(input.expires_at)}`)
      } else if (date.getTime() <= now.getTime()) {
        fail(row, "expires_at must lie in the future")
      } else if (points < 0) {
        fail(row, "expires_at applies to added points, not to removed ones")
      } else {
        expiresAt = date.toISOString()
      }
    }
    if (errors.length === before && customer) {
      rows.push({ row, customer_id: customer.id, email: customer.email, points, reason, expires_at: expiresAt, outcome: points > 0 ? "credit" : "debit" })
    }
  })

  // What each customer has now, to refuse debits the balance cannot cover.
  const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const customerIds = [...new Set(rows.map((row) => row.customer_id))]
  const available = new Map<string, number>()
  for (const chunk of chunks(customerIds)) {
    for (const account of await loyalty.listLoyaltyAccounts({ customer_id: chunk }, { select: ["customer_id", "balance", "held"], take: chunk.length })) {
      available.set(account.customer_id, Number(account.balance) - Number(account.held))
    }
  }
  const running = new Map<string, number>()
  const outcomes: ImportRowOutcome[] = []
  for (const row of rows) {
    const before = running.get(row.customer_id) ?? available.get(row.customer_id) ?? 0
    if (row.points < 0 && before + row.points < 0) {
      fail(row.row, `removes ${-row.points} points but the customer would have ${before} available`)
      continue
    }
    running.set(row.customer_id, before + row.points)
    outcomes.push({ ...row, balance_after: before + row.points })
  }
  errors.sort((a, b) => a.row - b.row)
  return { rows: outcomes, errors, total_points: outcomes.reduce((sum, row) => sum + row.points, 0) }
}
