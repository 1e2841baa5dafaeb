import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { EntryRow, toAccountDTO, toEntryDTO } from "../../../modules/loyalty-points/ledger/rows"
import {
  LedgerEntryDTO,
  LOYALTY_POINTS_MODULE,
  LoyaltyAccountCustomerView,
  LoyaltyAccountRecord,
  LoyaltyAccountView,
  LoyaltyEntryView,
  ProgramSettings,
  StoreLoyaltyEntryView,
  type ILoyaltyPointsModuleService,
} from "../../../types"
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

/** The entry fields a history page reads: the contract's, and what the entry DTO adds to them. */
const LOYALTY_ENTRY_DTO_FIELDS = [...LOYALTY_ENTRY_FIELDS, "program_id", "reversal_of_id"]

/** An account as `query.graph` returns it with `LOYALTY_ACCOUNT_FIELDS` (and, for admins, its customer). */
export type LoyaltyAccountViewSource = LoyaltyAccountRecord & { customer?: LoyaltyAccountCustomerView | null }

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
  accounts: LoyaltyAccountViewSource[],
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
      ...toAccountDTO(account),
      tier: tier.tier,
      next_tier: tier.next_tier,
      expiring: (expiring[account.id] ?? []).map((group) => ({
        expires_at: group.expires_at.toISOString(),
        points: group.points,
      })),
      redemption_value: settings.redemption_values[currency] ?? null,
      currency_code: currency,
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
  const [view] = await buildLoyaltyAccountViews(container, data as unknown as LoyaltyAccountViewSource[], options)
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
    fields: LOYALTY_ENTRY_DTO_FIELDS,
    filters: { account_id: accountId },
    pagination: { skip: page.offset, take: page.limit, order: { ...LOYALTY_ENTRY_ORDER } },
  })
  return {
    entries: (data as EntryRow[]).map((row) => toLoyaltyEntryView(toEntryDTO(row))),
    count: metadata?.count ?? data.length,
  }
}

/**
 * A ledger entry in the contract's shape: the entry DTO without its programme and
 * reversal links.
 *
 * @example
 * res.json({ entry: toLoyaltyEntryView(result.entry) })
 */
export function toLoyaltyEntryView(entry: LedgerEntryDTO): LoyaltyEntryView {
  const { program_id: _programId, reversal_of_id: _reversalOfId, ...view } = entry
  return view
}

/** Shopper-facing lines per entry type; the reason refines a few. */
const ENTRY_DESCRIPTIONS: Record<string, string> = {
  earn_pending: "Points on the way for an order",
  earn: "Points earned on an order",
  earn_void: "Points an order will no longer earn",
  redeem: "Points spent on an order",
  "redeem:voucher": "Points spent on a voucher",
  redeem_reversal: "Points given back",
  clawback: "Points taken back after a refund",
  "clawback:order_canceled": "Points taken back after a cancellation",
  expire: "Points expired",
  adjust: "Points adjusted by the store",
  bonus: "Bonus points",
  import: "Points carried over",
}

/**
 * A ledger entry as the shopper sees it: the fields of the store contract and a
 * shopper-facing description; never notes, actor ids, idempotency keys or metadata.
 *
 * @example
 * res.json({ entries: entries.map(toStoreLoyaltyEntryView) })
 */
export function toStoreLoyaltyEntryView(entry: LoyaltyEntryView): StoreLoyaltyEntryView {
  const description = ENTRY_DESCRIPTIONS[`${entry.type}:${entry.reason}`] ?? ENTRY_DESCRIPTIONS[entry.type]
  return {
    id: entry.id,
    type: entry.type,
    points: entry.points,
    money_amount: entry.money_amount,
    currency_code: entry.currency_code,
    reason: entry.reason,
    order_id: entry.order_id,
    created_at: entry.created_at,
    ...(description ? { description } : {}),
  }
}
