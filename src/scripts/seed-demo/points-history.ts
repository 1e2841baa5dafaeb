import { MedusaContainer } from "@medusajs/framework/types"
import { LOYALTY_POINTS_MODULE } from "../../types/module"
import type { ILoyaltyPointsModuleService } from "../../types"

/**
 * A believable history written through the ledger itself. Idempotency keys (per
 * customer) make a second run replay these entries instead of adding new ones.
 */
export async function ensurePointsHistory(container: MedusaContainer, customerId: string, adminId: string) {
  const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const account = await loyalty.retrieveOrCreateAccount(customerId)
  const key = (name: string) => `demo-seed:${customerId}:${name}`
  const inDays = (days: number) => new Date(Date.now() + days * 24 * 60 * 60 * 1000)

  await loyalty.creditPoints({
    account_id: account.id,
    points: 500,
    type: "bonus",
    reason: "signup_bonus",
    note: "Welcome to the programme",
    idempotency_key: key("signup-bonus"),
    currency_code: "usd",
  })
  await loyalty.creditPoints({
    account_id: account.id,
    points: 1200,
    type: "import",
    reason: "migration",
    note: "Balance carried over from the previous loyalty programme",
    idempotency_key: key("import"),
    currency_code: "usd",
  })
  // Expires soon, so the admin and store show points about to expire.
  await loyalty.creditPoints({
    account_id: account.id,
    points: 150,
    type: "bonus",
    reason: "campaign",
    note: "Double points weekend",
    expires_at: inDays(20),
    idempotency_key: key("campaign-bonus"),
    currency_code: "usd",
  })
  await loyalty.creditPoints({
    account_id: account.id,
    points: 250,
    type: "adjust",
    reason: "goodwill",
    note: "Sorry about the late delivery",
    actor_type: "user",
    actor_id: adminId,
    idempotency_key: key("goodwill"),
    currency_code: "usd",
  })
  await loyalty.debitPoints({
    account_id: account.id,
    points: 300,
    type: "adjust",
    reason: "correction",
    note: "Duplicate bonus removed",
    actor_type: "user",
    actor_id: adminId,
    idempotency_key: key("correction"),
    currency_code: "usd",
  })
  const { account: latest } = await loyalty.addPendingPoints({
    account_id: account.id,
    points: 80,
    reason: "order",
    note: "Earned on an order awaiting payment capture",
    idempotency_key: key("pending"),
    currency_code: "usd",
  })
  return latest
}
