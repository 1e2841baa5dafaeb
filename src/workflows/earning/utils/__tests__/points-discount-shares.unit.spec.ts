import { toPointsDiscountShares } from "../order-for-earning"

describe("toPointsDiscountShares", () => {
  const order = (returned: number) => ({
    items: [
      {
        quantity: 2,
        unit_price: 50,
        is_tax_inclusive: false,
        tax_lines: [{ rate: 10 }],
        adjustments: [
          { code: "LPTS-ABC", amount: 60 },
          { code: "SAVE10", amount: 10 },
        ],
        // Once items come back Medusa's line totals cover only the rest: never read.
        total: 999,
        discount_total: 999,
        detail: { return_received_quantity: returned },
      },
    ],
  })

  it("takes the points discount with tax from the stored adjustments", () => {
    expect(toPointsDiscountShares(order(0))).toEqual({
      points_discount_amount: 66,
      returned_points_discount_amount: 0,
      returned_paid_amount: 0,
    })
  })

  it("gives returned lines their share of the points discount and of what was paid", () => {
    const shares = toPointsDiscountShares(order(1))
    expect(shares.returned_points_discount_amount).toBeCloseTo(33, 9)
    expect(shares.returned_paid_amount).toBeCloseTo(16.5, 9) // (100 - 70) x 1.1 / 2
  })
})
