import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LedgerAccountDTO, LedgerHoldDTO, LOYALTY_POINTS_MODULE, ProgramSettings, type ILoyaltyPointsModuleService } from "../../../types"
import { EARNING_LINE_FIELDS, toAmount, toEarnableLines } from "../../earning/utils/order-for-earning"
import { roundMoney } from "../../../utils/money"
import { isLoyaltyCode } from "./loyalty-promotion"
import { GraphRecord } from "../../../utils/graph-record"
import { isVoucherCode } from "./points-limits"

export const CART_LOYALTY_FIELDS = [
  "id",
  "customer_id",
  "currency_code",
  "sales_channel_id",
  "completed_at",
  "item_subtotal",
  "promotions.id",
  "promotions.code",
  "items.adjustments.code",
  "items.adjustments.amount",
  ...EARNING_LINE_FIELDS,
]

export type CartLoyaltyState = {
  cart: GraphRecord
  account: LedgerAccountDTO | null
  settings: ProgramSettings
  /** Money per point in the cart's currency; null when the programme has none. */
  value_per_point: number | null
  hold: LedgerHoldDTO | null
  /** The plugin's promotion codes on the cart (normally at most one). */
  loyalty_codes: string[]
  /** What the plugin's discount takes off the items right now. */
  applied_amount: number
  /** What the shopper's vouchers (points turned into codes) take off the items: they count toward `max_share`. */
  voucher_amount: number
  /** The shopper's other promotion codes, kept when the points discount changes. */
  other_codes: string[]
}

/** Loads a cart with what redemption and the cart's loyalty view need. */
export async function loadCartLoyaltyState(container: MedusaContainer, cartId: string): Promise<CartLoyaltyState | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "cart", fields: CART_LOYALTY_FIELDS, filters: { id: cartId } })
  const cart = data[0]
  if (!cart) {
    return null
  }
  const loyalty = container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
  const [account, settings, hold] = await Promise.all([
    cart.customer_id ? loyalty.retrieveCustomerAccount(cart.customer_id) : Promise.resolve(null),
    loyalty.getProgramSettings(),
    loyalty.retrieveActiveHoldForCart(cart.id),
  ])
  const codes: string[] = (cart.promotions ?? []).filter(Boolean).map((promotion: GraphRecord) => promotion.code)
  const loyaltyCodes = codes.filter(isLoyaltyCode)
  const appliedAmount = (cart.items ?? [])
    .filter(Boolean)
    .flatMap((item: GraphRecord) => item.adjustments ?? [])
    .filter((adjustment: GraphRecord) => adjustment && isLoyaltyCode(adjustment.code))
    .reduce((sum: number, adjustment: GraphRecord) => sum + toAmount(adjustment.amount), 0)
  const voucherAmount = (cart.items ?? [])
    .filter(Boolean)
    .flatMap((item: GraphRecord) => item.adjustments ?? [])
    .filter((adjustment: GraphRecord) => adjustment && isVoucherCode(adjustment.code))
    .reduce((sum: number, adjustment: GraphRecord) => sum + toAmount(adjustment.amount), 0)
  return {
    cart,
    account,
    settings,
    value_per_point: settings.redemption_values[String(cart.currency_code).toLowerCase()] ?? null,
    hold,
    loyalty_codes: loyaltyCodes,
    applied_amount: roundMoney(appliedAmount, cart.currency_code),
    voucher_amount: roundMoney(voucherAmount, cart.currency_code),
    other_codes: codes.filter((code) => !isLoyaltyCode(code)),
  }
}

export { toAmount, toEarnableLines }
