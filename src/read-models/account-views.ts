import { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import {
  LedgerEntryDTO,
  LOYALTY_POINTS_MODULE,
  LoyaltyAccountCustomerView,
  LoyaltyAccountRecord,
  LoyaltyAccountView,
  LoyaltyEntryView,
  StoreLoyaltyEntryView,
  type ILoyaltyPointsModuleService,
} from "../types"
import { resolveTierViews } from "./tier-views"

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
  "birthday",
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

/** An account as `query.graph` returns it with `LOYALTY_ACCOUNT_FIELDS` (and, for admins, its customer). */
export type LoyaltyAccountViewSource = LoyaltyAccountRecord & { customer?: LoyaltyAccountCustomerView | null }

export type AccountViewOptions = {
  /** Currency of `redemption_value`; default: the programme's `default_currency_code`. */
  currency_code?: string
  /** Adds `customer: { id, email, first_name, last_name }` (admin views). */
  with_customer?: boolean
}

/**
 * Turns accounts into the account view of the contract: figures, `available`,
 * `expiring` (the next days), tier and next tier, and the programme's redemption value
 * in the requested currency. A fixed number of queries for any number of accounts, none
 * of them growing with an account's history (running totals and the lot index, see
 * the module's ledger/running-totals.ts), and no write: a page of the admin list costs
 * the same as one account.
 *
 * @example
 * const [view] = await buildLoyaltyAccountViews(req.scope, [account], { currency_code: "eur" })
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
  const ids = accounts.map((account) => account.id)
  const [settings, expiring, tiers] = await Promise.all([
    service.getProgramSettings(),
    service.listExpiringPoints(ids),
    resolveTierViews(container, accounts),
  ])

  return accounts.map((account) => {
    const currency = (options.currency_code ?? settings.default_currency_code).toLowerCase()
    const tier = tiers.get(account.id) ?? { tier: null, next_tier: null }
    const view: LoyaltyAccountView = {
      id: account.id,
      program_id: account.program_id,
      customer_id: account.customer_id,
      balance: account.balance,
      pending: account.pending,
      held: account.held,
      available: account.balance - account.held,
      lifetime_earned: account.lifetime_earned,
      lifetime_redeemed: account.lifetime_redeemed,
      tier_id: account.tier_id ?? null,
      referral_code: account.referral_code ?? null,
      birthday: account.birthday ?? null,
      created_at: account.created_at,
      updated_at: account.updated_at,
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
 * The customer's account view; a customer with no account yet gets the account of
 * zeros it will be, and nothing is created. With `with_customer` the customer is read
 * (404 when unknown) and added to the view.
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
  const [account, customer] = await Promise.all([
    service.retrieveCustomerAccount(customerId),
    options.with_customer ? retrieveCustomerOrThrow(container, customerId) : Promise.resolve(undefined),
  ])
  const [view] = await buildLoyaltyAccountViews(container, [{ ...account, customer }], options)
  return view
}

/**
 * The customer's id, email and name; 404 when there is no such customer, before
 * anything is read for them.
 *
 * @example
 * const customer = await retrieveCustomerOrThrow(req.scope, req.params.id)
 */
export async function retrieveCustomerOrThrow(
  container: MedusaContainer,
  customerId: string
): Promise<LoyaltyAccountCustomerView> {
  const customerModule = container.resolve(Modules.CUSTOMER)
  const [customer] = await customerModule.listCustomers(
    { id: customerId },
    { select: ["id", "email", "first_name", "last_name"], take: 1 }
  )
  if (!customer) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer with id: ${customerId} was not found`)
  }
  return {
    id: customer.id,
    email: customer.email ?? null,
    first_name: customer.first_name ?? null,
    last_name: customer.last_name ?? null,
  }
}

/**
 * One page of an account's history, newest first, with the total count (kept on the
 * account, never counted over the history).
 *
 * @example
 * const { entries, count } = await listLoyaltyEntryViews(req.scope, account.id, { limit: 20, offset: 0 })
 */
export async function listLoyaltyEntryViews(
  container: MedusaContainer,
  accountId: string,
  page: { limit: number; offset: number }
): Promise<{ entries: LoyaltyEntryView[]; count: number }> {
  const service = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const { entries, count } = await service.listAccountEntries(accountId, page)
  return { entries: entries.map(toLoyaltyEntryView), count }
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
