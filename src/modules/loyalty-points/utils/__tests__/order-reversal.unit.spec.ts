import { OrderReversalFigures } from "../../../../types/reversal"
import { earnedShare } from "../earned-share"
import { earnableDelta, planOrderReversal, redeemedGivenBack } from "../order-reversal"

const figures = (patch: Partial<OrderReversalFigures> = {}): OrderReversalFigures => ({
  earnable: 100,
  pending: 0,
  earned: 100,
  voided: 0,
  clawed_back: 0,
  written_off: 0,
  redeemed: 0,
  given_back: 0,
  recorded: true,
  capped: false,
  ...patch,
})

const paid = (refunded: number, patch: Partial<{ captured: number; payable: number; canceled: boolean }> = {}) => ({
  captured_amount: patch.captured ?? 121,
  payable_amount: patch.payable ?? 121,
  refunded_amount: refunded,
  canceled: patch.canceled ?? false,
})

/**
 * A small model of one order's ledger: money moves first (captures, refunds, the
 * cancel), handlers run whenever they like and read the money as it is then, the way
 * the subscribers do.
 */
class OrderModel {
  f: OrderReversalFigures
  money = { captured: 0, refunded: 0, payable: 0, canceled: false }
  constructor(earnable: number, payable: number, redeemed = 0, restore: "proportional" | "none" = "proportional") {
    this.f = figures({ earnable, pending: earnable, earned: 0, redeemed })
    this.money.payable = payable
    this.restore = restore
  }
  restore: "proportional" | "none"
  settle() {
    const target = earnedShare(this.f.earnable, this.money.captured, this.money.payable)
    const delta = earnableDelta(target, this.f)
    if (delta > 0) {
      this.f.earned += delta
      this.f.pending -= delta
    }
  }
  reverse(balance = Infinity) {
    const plan = planOrderReversal(
      this.f,
      {
        captured_amount: this.money.captured,
        refunded_amount: this.money.refunded,
        payable_amount: this.money.payable,
        canceled: this.money.canceled,
      },
      this.restore
    )
    this.f.pending -= plan.void
    this.f.voided += plan.void
    this.f.given_back += plan.give_back
    const taken = Math.min(plan.claw_back, Math.max(balance, 0))
    this.f.clawed_back += taken
    this.f.written_off += plan.claw_back - taken
    return plan
  }
  get kept() {
    return this.f.earned - this.f.clawed_back - this.f.written_off
  }
}

describe("planOrderReversal", () => {
  it("claws back the refunded half of an earned order", () => {
    expect(planOrderReversal(figures(), paid(60.5), "proportional")).toMatchObject({ void: 0, claw_back: 50, give_back: 0 })
  })

  it("claws back exactly what was earned over partial refunds that add up to the total", () => {
    const order = new OrderModel(100, 121)
    order.money.captured = 121
    order.settle()
    const steps = [40, 40, 41].map((amount) => {
      order.money.refunded += amount
      return order.reverse().claw_back
    })
    // floor(100 * 40 / 121) = 33, floor(100 * 80 / 121) = 66, then exactly the rest.
    expect(steps).toEqual([33, 33, 34])
    expect(order.f.clawed_back).toBe(100)
    expect(order.kept).toBe(0)
  })

  it("plans nothing the second time", () => {
    const order = new OrderModel(100, 121, 150)
    order.money.captured = 121
    order.settle()
    order.money.refunded = 60.5
    expect(order.reverse()).toMatchObject({ claw_back: 50, give_back: 75 })
    expect(order.reverse()).toMatchObject({ void: 0, claw_back: 0, give_back: 0 })
  })

  it("gives back redeemed points in the refunded share, all at a full refund, none under `none`", () => {
    expect(planOrderReversal(figures({ redeemed: 150 }), paid(40), "proportional").give_back).toBe(49)
    expect(planOrderReversal(figures({ redeemed: 150, given_back: 49 }), paid(121), "proportional").give_back).toBe(101)
    expect(planOrderReversal(figures({ redeemed: 150 }), paid(121), "none").give_back).toBe(0)
  })

  it("voids, claws back and gives back everything on cancel, whatever the policy", () => {
    const plan = planOrderReversal(
      figures({ earned: 40, pending: 60, redeemed: 150, given_back: 20, clawed_back: 5 }),
      paid(0, { captured: 0, canceled: true }),
      "none"
    )
    expect(plan).toEqual({ void: 60, claw_back: 35, give_back: 130, targets: { reversed: 100, given_back: 150 } })
  })

  it("never claws back again what was written off", () => {
    const plan = planOrderReversal(figures({ clawed_back: 10, written_off: 40 }), paid(121), "proportional")
    expect(plan.claw_back).toBe(50)
    expect(planOrderReversal(figures({ clawed_back: 10, written_off: 90 }), paid(121), "proportional").claw_back).toBe(0)
  })

  it("voids the captured points not yet earned when the refund is handled before the capture", () => {
    const order = new OrderModel(100, 121)
    order.money.captured = 121
    order.money.refunded = 60.5
    expect(order.reverse()).toMatchObject({ void: 50, claw_back: 0 })
    order.settle()
    expect(order.f).toMatchObject({ earned: 50, pending: 0, voided: 50 })
    expect(order.kept).toBe(50)
  })

  it("leaves the pending points of money not captured yet for their capture", () => {
    const order = new OrderModel(100, 100)
    order.money.captured = 50
    order.settle()
    order.money.refunded = 50
    expect(order.reverse()).toMatchObject({ void: 0, claw_back: 50 })
    expect(order.f.pending).toBe(50)
    order.money.captured = 100
    order.settle()
    expect(order.kept).toBe(50)
  })

  it("ends in the same state whichever way refunds, the cancel and the handlers interleave", () => {
    const scenarios: (readonly ("capture" | "refund" | "cancel" | "handle")[])[] = [
      ["capture", "handle", "refund", "handle", "cancel", "handle"],
      ["capture", "refund", "cancel", "handle"],
      ["capture", "refund", "handle", "cancel", "handle", "handle"],
      ["capture", "cancel", "handle", "refund", "handle"],
      ["cancel", "handle"],
      ["handle", "capture", "refund", "refund", "handle", "cancel", "handle"],
    ]
    for (const steps of scenarios) {
      const order = new OrderModel(100, 121, 150)
      for (const step of steps) {
        if (step === "capture") {
          order.money.captured = 121
        } else if (step === "refund" && !order.money.canceled) {
          order.money.refunded = Math.min(order.money.refunded + 30, order.money.captured)
        } else if (step === "cancel") {
          // Cancelling refunds what is captured and not refunded yet.
          order.money.refunded = order.money.captured
          order.money.canceled = true
        } else if (step === "handle") {
          order.settle()
          order.reverse()
        }
      }
      order.settle()
      order.reverse()
      expect({ steps, kept: order.kept, pending: order.f.pending, given_back: order.f.given_back }).toEqual({
        steps,
        kept: 0,
        pending: 0,
        given_back: 150,
      })
      expect(order.f.earned + order.f.voided).toBeLessThanOrEqual(100)
    }
  })

  it("converges on the same final figures for any split of a full refund and any handling order", () => {
    for (let seed = 1; seed <= 200; seed++) {
      let state = seed
      const random = () => ((state = (state * 48271) % 2147483647) / 2147483647)
      const earnable = 1 + Math.floor(random() * 500)
      const payable = Math.round((1 + random() * 300) * 100) / 100
      const order = new OrderModel(earnable, payable, Math.floor(random() * 300))
      order.money.captured = payable
      while (order.money.refunded < payable) {
        const piece = Math.min(Math.round(random() * payable * 50) / 100 + 0.01, payable - order.money.refunded)
        order.money.refunded = Math.round((order.money.refunded + piece) * 100) / 100
        if (random() < 0.5) {
          order.settle()
        }
        if (random() < 0.7) {
          order.reverse(random() < 0.3 ? 0 : Infinity)
        }
      }
      order.settle()
      order.reverse()
      expect(order.kept).toBe(0)
      expect(order.f.pending).toBe(0)
      expect(order.f.given_back).toBe(order.f.redeemed)
    }
  })
})

describe("earnableDelta", () => {
  it("treats points voided for refunds as settled", () => {
    expect(earnableDelta(100, { earned: 0, voided: 50, pending: 50 })).toBe(50)
    expect(earnableDelta(50, { earned: 0, voided: 50, pending: 50 })).toBe(0)
    expect(earnableDelta(100, { earned: 30, voided: 0, pending: 20 })).toBe(20)
  })
})

describe("redeemedGivenBack", () => {
  const order = (patch: Record<string, number> = {}) => ({
    captured_amount: 1,
    payable_amount: 1,
    refunded_amount: 0,
    canceled: false,
    points_discount_amount: 99,
    ...patch,
  })

  it("gives back by the order's value before the points discount, not by the cash share: 100 paid with 9,900 points and 1 cash", () => {
    expect(redeemedGivenBack(9900, order(), 1, 1)).toBe(99)
    const plan = planOrderReversal(figures({ earnable: 0, earned: 0, redeemed: 9900 }), { ...order(), refunded_amount: 1 }, "proportional")
    expect(plan.give_back).toBe(99)
  })

  it("gives back the points discount of returned lines, and by value only for refunds beyond what they were paid", () => {
    // Two lines of 50, points discount 30 on each (60 in all), each paid 20: 40 cash.
    const money = order({ captured_amount: 40, payable_amount: 40, points_discount_amount: 60 })
    const returned = { ...money, returned_points_discount_amount: 30, returned_paid_amount: 20 }
    expect(redeemedGivenBack(6000, returned, 0, 40)).toBe(3000) // received, not refunded yet
    expect(redeemedGivenBack(6000, returned, 20, 40)).toBe(3000) // its refund gives nothing more
    expect(redeemedGivenBack(6000, returned, 25, 40)).toBe(3300) // 5 of the other line's 50: 10% of its 30
    expect(redeemedGivenBack(6000, money, 20, 40)).toBe(1200) // a refund of 20 without a return: 20% of the value
  })

  it("follows the payable amount when the order carries no points discount", () => {
    expect(redeemedGivenBack(150, order({ captured_amount: 121, payable_amount: 121, points_discount_amount: 0 }), 60.5, 121)).toBe(75)
  })
})
