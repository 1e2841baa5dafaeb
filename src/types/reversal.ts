import { LedgerAccountDTO, LedgerEntryDTO } from "./ledger"

/** What made an order give points back: a refund of its payment, or its cancellation. */
export type ReversalCause =
  | { type: "refund"; id: string; payment_id?: string | null; refund_ids?: string[] }
  | { type: "return"; id: string; return_id?: string | null }
  | { type: "cancel"; id: string }

/**
 * One order's points on one account, as its entries say, for reversing them. Every
 * figure is a cumulative total in points.
 */
export type OrderReversalFigures = {
  /** The order's earnable points: recorded pending, moved by order edits. */
  earnable: number
  /** Still pending. */
  pending: number
  /** Made spendable by captures (`earn`). */
  earned: number
  /** Pending points voided by refunds and the cancellation (order edits not included). */
  voided: number
  /** Clawed back from the balance. */
  clawed_back: number
  /** Clawed back on paper only: the balance was at zero and debt was not allowed. */
  written_off: number
  /** Spent on the order (`redeem`), less what was given back for another reason. */
  redeemed: number
  /** Given back to the shopper for this order's refunds and cancellation. */
  given_back: number
  /** Whether the order's earnable points were ever recorded. */
  recorded: boolean
  /** The daily cap cut the points when the order was placed. */
  capped: boolean
}

/** The money side of an order, in major units. */
export type OrderPaymentState = {
  /** Captured on all the order's payments. */
  captured_amount: number
  /** Refunded on all the order's payments. */
  refunded_amount: number
  /** The amounts of the order's payments that were not canceled. */
  payable_amount: number
  /** The order was canceled: everything goes back, whatever the money says. */
  canceled: boolean
  /**
   * What the points discount took off the order's total (tax included), as Medusa
   * allocated it to the lines. With the payable amount it makes the order's value
   * before the points discount, the base redeemed points are given back against.
   * 0 or absent: the order carries no points discount (points spent another way), and
   * the payable amount is the base.
   */
  points_discount_amount?: number
  /** The points discount Medusa allocated to the lines that came back in received returns (tax included). */
  returned_points_discount_amount?: number
  /** What the shopper paid for those returned lines (their totals after every discount). */
  returned_paid_amount?: number
}

/** What one reversal writes: points to void, give back and claw back now. */
export type OrderReversalPlan = {
  void: number
  give_back: number
  claw_back: number
  /** The cumulative totals the order reaches once the plan is written. */
  targets: {
    /** Voided plus clawed back (written off included). */
    reversed: number
    given_back: number
  }
}

export type SettleOrderReversalInput = OrderPaymentState & {
  account_id: string
  order_id: string
  /** The cart the order came from: its `redeem` entry may not carry the order id yet. */
  cart_id?: string | null
  cause: ReversalCause
  /**
   * A clawback larger than the balance: `true` takes the balance below zero, `false`
   * stops at zero and writes the rest off. Default: the plugin option.
   */
  allow_negative_balance?: boolean
  currency_code?: string | null
}

export type SettleOrderReversalResult = {
  /** The entries written now, in the order written (void, give-backs, clawback). */
  entries: LedgerEntryDTO[]
  voided: number
  given_back: number
  clawed_back: number
  written_off: number
  account: LedgerAccountDTO
  /** The order's figures after the reversal. */
  figures: OrderReversalFigures
  /** Nothing was written: the order had already given back all the cause asks. */
  replayed: boolean
}

export type ReviseOrderEarningInput = {
  account_id: string
  order_id: string
  /** The order's earnable points as recomputed after the edit. */
  points: number
  /** Identifies the edit (the order's version), so a repeat of it changes nothing. */
  revision: string
  currency_code?: string | null
  metadata?: Record<string, unknown> | null
}

export type ReviseOrderEarningResult = {
  /** The `earn_pending` (increase) or `earn_void` (decrease) entry; null when nothing changed. */
  entry: LedgerEntryDTO | null
  account: LedgerAccountDTO
  /** The order's earnable points after the revision. */
  earnable: number
  /**
   * Why the figure was left alone: the order's points were never recorded, or some
   * were already earned or reversed (money then moves them, through the refund path).
   */
  skipped: null | "not_recorded" | "already_settled"
}
