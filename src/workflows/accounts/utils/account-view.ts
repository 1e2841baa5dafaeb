import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LOYALTY_POINTS_MODULE, LoyaltyAccountCustomerView, LoyaltyAccountView, LoyaltyEntryView, ProgramSettings, type ILoyaltyPointsModuleService } from "../../../types"
import { resolveTierViews } from "./resolve-tier-views"

/** Account fields every view reads. */
export const LOYALTY_ACCOUNT_FIELDS = [
  "id",
  "program_id",
  "customer_id",
  "balance",
  "pending",
  "held",
  "lifetime_earned",
  "lifetime_redeemed",
  "tier_id",
  "referral_code",
  "created_at",
  "updated_at",
]

/** The customer fields the admin views add, through the account-customer link. */
export const LOYALTY_ACCOUNT_CUSTOMER_FIELDS = [
  "customer.id",
  "customer.email",
  "customer.first_name",
  "customer.last_name",
]

/** Entry fields of the contract (DESIGN.md "Shapes"), plus what the entry did to the account. */
export const LOYALTY_ENTRY_FIELDS = [
  "id",
  "account_id",
  "type",
  "points",
  "balance_change",
  "pending_change",
  "money_amount",
  "currency_code",
  "reason",
  "note",
  "actor_type",
  "actor_id",
  "reference_type",
  "reference_id",
  "order_id",
  "idempotency_key",
  "created_at",
  "metadata",
]

/** Newest first; the id breaks ties so pages never overlap. */
export const LOYALTY_ENTRY_ORDER = { created_at: "DESC", id: "DESC" } as const

/** An account row as `query.graph` returns it with `LOYALTY_ACCOUNT_FIELDS`. */
export type LoyaltyAccountRecord = {
  id: string
  program_id: string
  customer_id: string
  balance: number
  pending: number
  held: number
  lifetime_earned: number
  lifetime_redeemed: number
  tier_id: string | null
  referral_code: string | null
  created_at: Date | string
  updated_at: Date | string
  customer?: LoyaltyAccountCustomerView | null
}

export type AccountViewOptions = {
  /** Currency of `redemption_value`; default: the programme's `default_currency_code`. */
  currency_code?: string
  /** Adds `customer: { id, email, first_name, last_name }` (admin views). */
  with_customer?: boolean
}

/**
 * Turns account rows into the account view of the contract: figures, `available`,
 * `expiring` (open lots by day), tier and next tier, and the programme's redemption
 * value in the requested currency. A fixed number of queries for any number of
 * accounts, so a page of the admin list costs the same as one account.
 *
 * @example
 * const [view] = await buildLoyaltyAccountViews(req.scope, [accountRow], { currency_code: "eur" })
 */
export async function buildLoyaltyAccountViews(
  container: MedusaContainer,
  accounts: LoyaltyAccountRecord[],
  options: AccountViewOptions = {}
): Promise<LoyaltyAccountView[]> {
  if (!accounts.length) {
    return []
  }
  const service = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const programIds = [...new Set(accounts.map((account) => account.program_id))]
  const settingsByProgram = new Map<string, ProgramSettings>(
    await Promise.all(
      programIds.map(async (programId) => [programId, await service.getProgramSettings(programId)] as const)
    )
  )
  const [expiring, tiers] = await Promise.all([
    service.listExpiringPoints(accounts.map((account) => account.id)),
    resolveTierViews(container, accounts),
  ])

  return accounts.map((account) => {
    const settings = settingsByProgram.get(account.program_id)!
    const currency = (options.currency_code ?? settings.default_currency_code).toLowerCase()
    const tier = tiers.get(account.id) ?? { tier: null, next_tier: null }
    const view: LoyaltyAccountView = {
      id: account.id,
      program_id: account.program_id,
      customer_id: account.customer_id,
      balance: account.balance,
      available: account.balance - account.held,
      held: account.held,
      pending: account.pending,
      lifetime_earned: account.lifetime_earned,
      lifetime_redeemed: account.lifetime_redeemed,
      tier_id: account.tier_id ?? null,
      tier: tier.tier,
      next_tier: tier.next_tier,
      expiring: (expiring[account.id] ?? []).map((group) => ({
        expires_at: group.expires_at.toISOString(),
        points: group.points,
      })),
      referral_code: account.referral_code ?? null,
      redemption_value: settings.redemption_values[currency] ?? null,
      currency_code: currency,
      created_at: account.created_at,
      updated_at: account.updated_at,
    }
    if (options.with_customer) {
      view.customer = account.customer
        ? {
            id: account.customer.id,
            email: account.customer.email ?? null,
            first_name: account.customer.first_name ?? null,
            last_name: account.customer.last_name ?? null,
          }
        : null
    }
    return view
  })
}

/**
 * The customer's account view, the account created (all zeros) when the customer has
 * none yet. The caller checks that the customer exists (admin) or is the caller (store).
 *
 * @example
 * const loyaltyAccount = await retrieveLoyaltyAccountView(req.scope, req.auth_context.actor_id)
 */
export async function retrieveLoyaltyAccountView(
  container: MedusaContainer,
  customerId: string,
  options: AccountViewOptions = {}
): Promise<LoyaltyAccountView> {
  const service = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const account = await service.retrieveOrCreateAccount(customerId)
  const { data } = await query.graph({
    entity: "loyalty_account",
    fields: [...LOYALTY_ACCOUNT_FIELDS, ...(options.with_customer ? LOYALTY_ACCOUNT_CUSTOMER_FIELDS : [])],
    filters: { id: account.id },
  })
  const [view] = await buildLoyaltyAccountViews(container, data as unknown as LoyaltyAccountRecord[], options)
  return view
}

/**
 * One page of an account's history, newest first, with the total count.
 *
 * @example
 * const { entries, count } = await listLoyaltyEntryViews(req.scope, account.id, { limit: 20, offset: 0 })
 */
export async function listLoyaltyEntryViews(
  container: MedusaContainer,
  accountId: string,
  page: { limit: number; offset: number }
): Promise<{ entries: LoyaltyEntryView[]; count: number }> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data, metadata } = await query.graph({
    entity: "loyalty_entry",
    fields: LOYALTY_ENTRY_FIELDS,
    filters: { account_id: accountId },
    pagination: { skip: page.offset, take: page.limit, order: { ...LOYALTY_ENTRY_ORDER } },
  })
  return {
    entries: (data as Record<string, any>[]).map(toLoyaltyEntryView),
    count: metadata?.count ?? data.length,
  }
}

/**
 * A ledger entry (from `query.graph` or the service) in the contract's shape.
 *
 * @example
 * res.json({ entry: toLoyaltyEntryView(result.entry) })
 */
export function toLoyaltyEntryView(entry: Record<string, any>): LoyaltyEntryView {
  return {
    id: entry.id,
    account_id: entry.account_id,
    type: entry.type,
    points: entry.points,
    balance_change: entry.balance_change,
    pending_change: entry.pending_change,
    money_amount: entry.money_amount === null || entry.money_amount === undefined ? null : Number(entry.money_amount),
    currency_code: entry.currency_code ?? null,
    reason: entry.reason ?? null,
    note: entry.note ?? null,
    actor_type: entry.actor_type,
    actor_id: entry.actor_id ?? null,
    reference_type: entry.reference_type ?? null,
    reference_id: entry.reference_id ?? null,
    order_id: entry.order_id ?? null,
    idempotency_key: entry.idempotency_key,
    created_at: entry.created_at,
    metadata: entry.metadata ?? null,
  }
}
