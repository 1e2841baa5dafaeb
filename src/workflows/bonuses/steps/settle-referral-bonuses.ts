import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  bonusKeys,
  LOYALTY_POINTS_MODULE,
  SettleReferralBonusesResult,
  type ILoyaltyPointsModuleService,
} from "../../../types"
import { OrderForEarning } from "../../earning/utils/order-for-earning"
import { BonusUndo, creditBonus, undoBonus } from "../utils/credit-bonus"

export const settleReferralBonusesStepId = "loyalty-points-settle-referral-bonuses-step"

/** Money is compared to the cent: captures and refunds are summed from floating numbers. */
const CENT = 0.005

type ClawbackUndo = { account_id: string; points: number; key: string }
type SettleUndo = { grants: BonusUndo[]; clawbacks: ClawbackUndo[] }

const SIDES = ["referee", "referrer"] as const

/** The grants and clawbacks an order's money calls for, made; and how to undo them. */
async function settleReferral(
  container: MedusaContainer,
  order: OrderForEarning | null
): Promise<{ result: SettleReferralBonusesResult; undo: SettleUndo }> {
  const result: SettleReferralBonusesResult = { granted: [], clawed_back: [] }
  const undo: SettleUndo = { grants: [], clawbacks: [] }
  const done = () => ({ result, undo })
  if (!order?.has_account || !order.customer_id) {
    return done()
  }
  const service = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const [referee] = await service.listLoyaltyAccounts({ customer_id: order.customer_id })
  if (!referee?.referrer_account_id) {
    return done()
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: firstOrders } = await query.graph({
    entity: "order",
    fields: ["id"],
    filters: { customer_id: order.customer_id },
    pagination: { take: 1, order: { created_at: "ASC" } },
  })
  if (firstOrders[0]?.id !== order.id) {
    return done()
  }
  const [referrer] = await service.listLoyaltyAccounts({ id: referee.referrer_account_id })
  if (!referrer) {
    return done()
  }
  const accounts = { referee, referrer }
  const settings = await service.getProgramSettings(referee.program_id)
  const reversed = order.canceled || (order.captured_amount > 0 && order.refunded_amount >= order.captured_amount - CENT)

  if (reversed) {
    const allowDebt = service.getOptions().allow_negative_balance
    for (const side of SIDES) {
      const bonusKey = bonusKeys[side](referee.customer_id)
      const [granted] = await service.listLoyaltyEntries({ idempotency_key: bonusKey }, { take: 1 })
      const key = `clawback:${bonusKey}`
      const [clawed] = await service.listLoyaltyEntries({ idempotency_key: key }, { take: 1 })
      if (!granted || clawed) {
        continue
      }
      // What is available is decided under the account lock (up_to_available), not read
      // here first: the shopper may be spending the bonus at this moment.
      const debited = await service.debitPoints({
        account_id: accounts[side].id,
        points: granted.points,
        type: "clawback",
        ...(allowDebt ? { allow_debt: true } : { up_to_available: true }),
        idempotency_key: key,
        actor_type: "system",
        reason: side,
        reference_type: "entry",
        reference_id: granted.id,
        order_id: order.id,
        currency_code: settings.default_currency_code,
        metadata: allowDebt ? { cause: "referral_order_refunded", written_off: 0 } : { cause: "referral_order_refunded" },
      })
      const taken = -debited.entry.points
      if (!debited.replayed) {
        result.clawed_back.push({
          entry_id: debited.entry.id,
          account_id: accounts[side].id,
          customer_id: accounts[side].customer_id,
          points: taken,
          written_off: granted.points - taken,
          order_id: order.id,
        })
        if (taken > 0) {
          undo.clawbacks.push({ account_id: accounts[side].id, points: taken, key })
        }
      }
    }
    return done()
  }

  const captured = order.payable_amount > 0 && order.captured_amount >= order.payable_amount - CENT
  const minimum = settings.referral_min_order_amounts[order.currency_code.toLowerCase()] ?? 0
  if (!captured || order.payable_amount < minimum - CENT) {
    return done()
  }
  const amounts = { referee: settings.referee_bonus_points, referrer: settings.referrer_bonus_points }
  for (const side of SIDES) {
    if (amounts[side] <= 0) {
      continue
    }
    const { grant, undo: undoGrant } = await creditBonus(
      service,
      accounts[side].id,
      {
        customer_id: accounts[side].customer_id,
        reason: side,
        points: amounts[side],
        idempotency_key: bonusKeys[side](referee.customer_id),
        reference_type: "referral",
        reference_id: referee.id,
        order_id: order.id,
      },
      settings.default_currency_code
    )
    if (undoGrant) {
      result.granted.push(grant)
      undo.grants.push(undoGrant)
    }
  }
  return done()
}

/**
 * Brings a referee's first order's referral bonuses to what the order's money says, so the
 * capture, the refund, the cancellation, a repeat and a late event all end in the same state:
 *
 * - the order is the referee's first order and they were referred before it;
 * - fully captured and at least `referral_min_order_amounts[currency]`: the referee gets
 *   `referee_bonus_points` and the referrer `referrer_bonus_points` (`bonus` entries with
 *   reasons `referee`/`referrer`, keys `bonus:<side>:<referee customer>`, once each);
 * - fully refunded or canceled afterwards: each granted bonus is clawed back (`clawback`,
 *   key `clawback:bonus:<side>:<referee customer>`), into a negative balance when
 *   `allow_negative_balance`, otherwise up to what is available when the clawback is
 *   written (under the account lock), the rest written off (all of it when nothing is).
 *
 * Compensation: undoes the grants and clawbacks this run made.
 *
 * @example
 * const settled = settleReferralBonusesStep({ order })
 */
export const settleReferralBonusesStep = createStep(
  settleReferralBonusesStepId,
  async (input: { order: OrderForEarning | null }, { container }) => {
    const { result, undo } = await settleReferral(container, input.order)
    return new StepResponse<SettleReferralBonusesResult, SettleUndo>(result, undo)
  },
  async (undo: SettleUndo | undefined, { container }) => {
    const service = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    for (const grant of undo?.grants ?? []) {
      await undoBonus(service, grant)
    }
    for (const clawback of undo?.clawbacks ?? []) {
      await service.creditPoints({
        account_id: clawback.account_id,
        points: clawback.points,
        type: "adjust",
        idempotency_key: `${clawback.key}:compensation`,
        actor_type: "system",
        reason: "compensation",
      })
    }
  }
)
