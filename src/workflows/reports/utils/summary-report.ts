import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { LOYALTY_POINTS_MODULE, type ILoyaltyPointsModuleService } from "../../../types"
import { pointsToMoney, roundMoney } from "../../../utils/money"

export type SummaryReportQuery = {
  from: Date
  to: Date
  /** Only this currency's liability and sales; all of them when absent. */
  currency_code?: string
  granularity: "week" | "month"
}

export type SummaryReport = {
  from: string
  to: string
  currency_code: string | null
  granularity: "week" | "month"
  /** Spendable points on every account now, negative balances counted as 0. */
  outstanding_points: number
  pending_points: number
  /** The outstanding points' money value at each currency's redemption value. */
  liability: { currency_code: string; redemption_value: number; amount: number }[]
  earned: number
  redeemed: number
  expired: number
  clawed_back: number
  adjusted: number
  /** Redeemed / earned over the range; null when nothing was earned. */
  redemption_rate: number | null
  series: {
    period: string
    earned: number
    redeemed: number
    expired: number
    /** Points outstanding at the end of the period (the ledger's running balance). */
    outstanding_points: number
    liability: Record<string, number>
  }[]
  sales: {
    currency_code: string
    members: { orders: number; amount: number }
    others: { orders: number; amount: number }
  }[]
  repeat_purchase: { members_with_orders: number; repeat_members: number; rate: number | null }
  tiers: { tier_id: string | null; name: string; accounts: number }[]
  campaigns: { campaign_id: string; name: string | null; orders: number; points: number }[]
}

const num = (value: unknown) => Number(value ?? 0)

/** The figures of a range, as SQL aggregates over the ledger (types as in ledger/figures.ts). */
const RANGE_FIGURES = `
  COALESCE(SUM(balance_change) FILTER (WHERE type IN ('earn', 'bonus') OR (type = 'import' AND balance_change > 0)), 0) AS earned,
  COALESCE(-SUM(balance_change) FILTER (WHERE type IN ('redeem', 'redeem_reversal')), 0) AS redeemed,
  COALESCE(-SUM(balance_change) FILTER (WHERE type = 'expire'), 0) AS expired,
  COALESCE(-SUM(balance_change) FILTER (WHERE type = 'clawback'), 0) AS clawed_back,
  COALESCE(SUM(balance_change) FILTER (WHERE type = 'adjust' OR (type = 'import' AND balance_change < 0)), 0) AS adjusted`

/**
 * The programme's performance and liability over `[from, to)`: every figure an
 * aggregate computed by PostgreSQL over the ledger, the accounts and the store's
 * orders (a fixed number of queries, whatever the number of entries; nothing is read
 * entry by entry into Node). Money is valued at today's redemption values.
 *
 * - outstanding points and liability per currency now, and at the end of each week or
 *   month (the running sum of balance changes);
 * - points earned, redeemed (net of give-backs), expired, clawed back, adjusted;
 *   redemption rate = redeemed / earned;
 * - sales (orders placed, not cancelled, their original total) by members (customers
 *   with a loyalty account) and others, per currency;
 * - repeat purchase: members with two or more orders in the range among members with one;
 * - tier distribution of accounts; campaign results (orders and points earned under
 *   each campaign, from the earning breakdown).
 *
 * @example
 * const report = await buildSummaryReport(req.scope, { from, to, granularity: "month" })
 */
export async function buildSummaryReport(container: MedusaContainer, query: SummaryReportQuery): Promise<SummaryReport> {
  const knex = container.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
  const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const program = await loyalty.retrieveDefaultProgram()
  const settings = await loyalty.getProgramSettings(program.id)
  const values = Object.entries(settings.redemption_values)
    .filter(([code]) => !query.currency_code || code === query.currency_code)
    .sort(([a], [b]) => a.localeCompare(b))
  const rows = async <T,>(sql: string, bindings: Record<string, unknown>) =>
    ((await knex.raw(sql, bindings as Knex.ValueDict)) as { rows: T[] }).rows
  const range = { program: program.id, from: query.from, to: query.to }

  const [[accounts], [figures], series, tiers, campaigns, sales, [repeat]] = await Promise.all([
    rows<{ outstanding: string; pending: string }>(
      `SELECT COALESCE(SUM(GREATEST(balance, 0)), 0) AS outstanding, COALESCE(SUM(pending), 0) AS pending
       FROM loyalty_points_account WHERE program_id = :program AND deleted_at IS NULL`,
      range
    ),
    rows<Record<string, string>>(
      `SELECT ${RANGE_FIGURES} FROM loyalty_points_entry
       WHERE program_id = :program AND deleted_at IS NULL AND created_at >= :from AND created_at < :to`,
      range
    ),
    rows<Record<string, string>>(
      `WITH periods AS (
         SELECT generate_series(date_trunc(:unit, CAST(:from AS timestamptz)), CAST(:to AS timestamptz) - interval '1 microsecond', CAST(:step AS interval)) AS period
       ),
       opening AS (
         SELECT COALESCE(SUM(balance_change), 0) AS points FROM loyalty_points_entry
         WHERE program_id = :program AND deleted_at IS NULL AND created_at < date_trunc(:unit, CAST(:from AS timestamptz))
       ),
       per_period AS (
         SELECT date_trunc(:unit, created_at) AS period, COALESCE(SUM(balance_change), 0) AS change, ${RANGE_FIGURES}
         FROM loyalty_points_entry
         WHERE program_id = :program AND deleted_at IS NULL
           AND created_at >= date_trunc(:unit, CAST(:from AS timestamptz)) AND created_at < :to
         GROUP BY 1
       )
       SELECT p.period, COALESCE(pp.earned, 0) AS earned, COALESCE(pp.redeemed, 0) AS redeemed,
         COALESCE(pp.expired, 0) AS expired,
         (SELECT points FROM opening) + SUM(COALESCE(pp.change, 0)) OVER (ORDER BY p.period) AS outstanding
       FROM periods p LEFT JOIN per_period pp ON pp.period = p.period
       ORDER BY p.period`,
      { ...range, unit: query.granularity, step: `1 ${query.granularity}` }
    ),
    rows<{ tier_id: string | null; name: string | null; accounts: string }>(
      `SELECT a.tier_id, t.name, COUNT(*) AS accounts
       FROM loyalty_points_account a
       LEFT JOIN loyalty_points_tier t ON t.id = a.tier_id AND t.deleted_at IS NULL
       WHERE a.program_id = :program AND a.deleted_at IS NULL
       GROUP BY a.tier_id, t.name, t.rank
       ORDER BY t.rank NULLS FIRST`,
      range
    ),
    rows<{ campaign_id: string; orders: string; points: string }>(
      `SELECT campaign.id AS campaign_id, COUNT(DISTINCT e.order_id) AS orders, COALESCE(SUM(e.points), 0) AS points
       FROM loyalty_points_entry e
       CROSS JOIN LATERAL jsonb_array_elements_text(
         CASE WHEN jsonb_typeof(e.metadata->'campaign_ids') = 'array' THEN e.metadata->'campaign_ids' ELSE '[]'::jsonb END
       ) AS campaign(id)
       WHERE e.program_id = :program AND e.deleted_at IS NULL AND e.type = 'earn_pending'
         AND e.created_at >= :from AND e.created_at < :to
       GROUP BY campaign.id ORDER BY points DESC`,
      range
    ),
    rows<{ currency_code: string; member: boolean; orders: string; amount: string }>(
      `WITH orders AS (
         SELECT o.id, o.customer_id, o.currency_code,
           (SELECT CAST(s.totals->>'original_order_total' AS numeric) FROM order_summary s
            WHERE s.order_id = o.id AND s.deleted_at IS NULL ORDER BY s.version DESC LIMIT 1) AS total,
           EXISTS (SELECT 1 FROM loyalty_points_account a
                   WHERE a.customer_id = o.customer_id AND a.program_id = :program AND a.deleted_at IS NULL) AS member
         FROM "order" o
         WHERE o.deleted_at IS NULL AND o.is_draft_order = false AND o.status NOT IN ('draft', 'canceled')
           AND o.created_at >= :from AND o.created_at < :to
           ${query.currency_code ? "AND o.currency_code = :currency" : ""}
       )
       SELECT currency_code, member, COUNT(*) AS orders, COALESCE(SUM(total), 0) AS amount
       FROM orders GROUP BY currency_code, member ORDER BY currency_code`,
      { ...range, currency: query.currency_code ?? null }
    ),
    rows<{ members_with_orders: string; repeat_members: string }>(
      `WITH member_orders AS (
         SELECT o.customer_id, COUNT(*) AS orders
         FROM "order" o
         JOIN loyalty_points_account a ON a.customer_id = o.customer_id AND a.program_id = :program AND a.deleted_at IS NULL
         WHERE o.deleted_at IS NULL AND o.is_draft_order = false AND o.status NOT IN ('draft', 'canceled')
           AND o.created_at >= :from AND o.created_at < :to
           ${query.currency_code ? "AND o.currency_code = :currency" : ""}
         GROUP BY o.customer_id
       )
       SELECT COUNT(*) AS members_with_orders, COUNT(*) FILTER (WHERE orders >= 2) AS repeat_members FROM member_orders`,
      { ...range, currency: query.currency_code ?? null }
    ),
  ])

  const campaignNames = await campaignNamesOf(knex, campaigns.map((row) => row.campaign_id))
  const outstanding = num(accounts.outstanding)
  const earned = num(figures.earned)
  const redeemed = num(figures.redeemed)
  const salesByCurrency = new Map<string, SummaryReport["sales"][number]>()
  for (const row of sales) {
    const entry = salesByCurrency.get(row.currency_code) ?? {
      currency_code: row.currency_code,
      members: { orders: 0, amount: 0 },
      others: { orders: 0, amount: 0 },
    }
    entry[row.member ? "members" : "others"] = { orders: num(row.orders), amount: roundMoney(num(row.amount), row.currency_code) }
    salesByCurrency.set(row.currency_code, entry)
  }
  const membersWithOrders = num(repeat?.members_with_orders)
  const repeatMembers = num(repeat?.repeat_members)

  return {
    from: query.from.toISOString(),
    to: query.to.toISOString(),
    currency_code: query.currency_code ?? null,
    granularity: query.granularity,
    outstanding_points: outstanding,
    pending_points: num(accounts.pending),
    liability: values.map(([currency_code, value]) => ({
      currency_code,
      redemption_value: value,
      amount: pointsToMoney(outstanding, value, currency_code),
    })),
    earned,
    redeemed,
    expired: num(figures.expired),
    clawed_back: num(figures.clawed_back),
    adjusted: num(figures.adjusted),
    redemption_rate: earned > 0 ? Math.round((redeemed / earned) * 10000) / 10000 : null,
    series: series.map((row) => {
      const points = Math.max(num(row.outstanding), 0)
      return {
        period: new Date(row.period).toISOString(),
        earned: num(row.earned),
        redeemed: num(row.redeemed),
        expired: num(row.expired),
        outstanding_points: num(row.outstanding),
        liability: Object.fromEntries(values.map(([code, value]) => [code, pointsToMoney(points, value, code)])),
      }
    }),
    sales: [...salesByCurrency.values()],
    repeat_purchase: {
      members_with_orders: membersWithOrders,
      repeat_members: repeatMembers,
      rate: membersWithOrders ? Math.round((repeatMembers / membersWithOrders) * 10000) / 10000 : null,
    },
    tiers: tiers.map((row) => ({ tier_id: row.tier_id, name: row.name ?? "No tier", accounts: num(row.accounts) })),
    campaigns: campaigns.map((row) => ({
      campaign_id: row.campaign_id,
      name: campaignNames.get(row.campaign_id) ?? null,
      orders: num(row.orders),
      points: num(row.points),
    })),
  }
}

/** Campaign names, where the campaigns table exists (it arrives with the campaigns feature). */
async function campaignNamesOf(knex: Knex, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) {
    return new Map()
  }
  const [{ exists }] = ((await knex.raw(`SELECT to_regclass('loyalty_points_campaign') IS NOT NULL AS exists`)) as { rows: { exists: boolean }[] }).rows
  if (!exists) {
    return new Map()
  }
  const { rows } = (await knex.raw(`SELECT id, name FROM loyalty_points_campaign WHERE id = ANY(?)`, [ids])) as {
    rows: { id: string; name: string }[]
  }
  return new Map(rows.map((row) => [row.id, row.name]))
}
