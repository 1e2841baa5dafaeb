import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { Event, HttpTypes } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { LOYALTY_POINTS_MODULE, LoyaltyPointsEvents, type ILoyaltyPointsModuleService } from "../../src/types"
import { reviseEditedOrderEarningWorkflow } from "../../src/workflows/earning"
import { reverseOnPaymentRefundedWorkflow, reverseOrderPointsWorkflow } from "../../src/workflows/reversal"
import { eventually } from "../helpers/async"
import { createAdminUser } from "../helpers/create-admin-user"
import { CheckoutStore, completeCart, createCart, createCheckoutStore, orderPayments, registerShopper } from "../helpers/checkout"
import type { OrderLoyaltyEntry } from "../helpers/views"

jest.setTimeout(180_000)

const DAY = 24 * 60 * 60 * 1000


const settle = () => new Promise((resolve) => setTimeout(resolve, 1000))

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: CheckoutStore
    let admin: Awaited<ReturnType<typeof createAdminUser>>
    const clawedBackEvents: unknown[] = []

    beforeAll(async () => {
      store = await createCheckoutStore(getContainer())
      getContainer()
        .resolve(Modules.EVENT_BUS)
        .subscribe(LoyaltyPointsEvents.CLAWED_BACK, async (event: Event) => {
          clawedBackEvents.push(event.data ?? event)
        })
    })

    beforeEach(async () => {
      clawedBackEvents.length = 0
      admin = await createAdminUser(getContainer())
      // 1 point per dollar: two "plain" (2 x 50, tax 10, shipping 10 + 1) pay 121 and earn 100.
      await api.post("/admin/loyalty-points/program", { earn_rates: { usd: 1 }, redemption_values: { usd: 0.01 } }, admin)
    })

    afterEach(async () => {
      expect((await loyalty().reconcile()).variances).toEqual([])
    })

    const loyalty = () => getContainer().resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)
    const accountOf = (customerId: string) => loyalty().retrieveOrCreateAccount(customerId)
    const orderPoints = async (orderId: string) =>
      (await api.get(`/admin/orders/${orderId}/loyalty-points`, admin)).data.loyalty_points
    const entriesOf = async (orderId: string, type?: string): Promise<OrderLoyaltyEntry[]> =>
      (await orderPoints(orderId)).entries.filter((entry: OrderLoyaltyEntry) => !type || entry.type === type)

    const buy = async (email: string, quantity = 2) => {
      const shopper = await registerShopper(api, store, email)
      const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity }] })
      const order = await completeCart(api, store, cartId, shopper.token)
      await eventually(async () => expect((await entriesOf(order.id, "earn_pending")).length).toBe(1))
      return { shopper, order, cartId }
    }
    const buyAgain = async (shopper: { token: string }) => {
      const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 2 }] })
      const order = await completeCart(api, store, cartId, shopper.token)
      await eventually(async () => expect((await entriesOf(order.id, "earn_pending")).length).toBe(1))
      return order
    }
    const capture = async (orderId: string, amount?: number) => {
      const [payment] = await orderPayments(api, orderId, admin)
      await api.post(`/admin/payments/${payment.id}/capture`, amount === undefined ? {} : { amount }, admin)
      return payment
    }
    const captureAndEarn = async (orderId: string, earned = 100) => {
      const payment = await capture(orderId)
      await eventually(async () => expect((await orderPoints(orderId)).earned).toBe(earned))
      return payment
    }
    const refund = async (paymentId: string, amount: number) => {
      const { data } = await api.post(`/admin/payments/${paymentId}/refund`, { amount }, admin)
      return data.payment
    }
    const cancel = (orderId: string) => api.post(`/admin/orders/${orderId}/cancel`, {}, admin)
    const refundIdsOf = async (orderId: string) => {
      const {
        data: { order },
      } = await api.get(`/admin/orders/${orderId}?fields=*payment_collections.payments.refunds`, admin)
      const collections: { payments: { refunds?: { id: string }[] }[] }[] = order.payment_collections
      return collections
        .flatMap((collection) => collection.payments)
        .flatMap((payment) => payment.refunds ?? [])
        .map((r) => r.id)
    }

    /** Gives the customer two lots: 100 points expiring in 10 days, 100 in 200 days. */
    const giveLots = async (customerId: string) => {
      const account = await accountOf(customerId)
      const soon = await loyalty().creditPoints({
        account_id: account.id,
        points: 100,
        type: "adjust",
        expires_at: new Date(Date.now() + 10 * DAY),
        idempotency_key: `lots:${customerId}:soon`,
      })
      const late = await loyalty().creditPoints({
        account_id: account.id,
        points: 100,
        type: "adjust",
        expires_at: new Date(Date.now() + 200 * DAY),
        idempotency_key: `lots:${customerId}:late`,
      })
      const lots = await loyalty().listLoyaltyLots({ account_id: account.id })
      return {
        account,
        soon: lots.find((lot) => lot.entry_id === soon.entry.id)!,
        late: lots.find((lot) => lot.entry_id === late.entry.id)!,
      }
    }
    // Until the cart redemption flow lands in these tests: the order's cart spends points
    // through the ledger right after completion, as the completion hook would.
    const redeemOnOrder = async (accountId: string, cartId: string, orderId: string, points: number) => {
      const { hold } = await loyalty().holdPoints({
        account_id: accountId,
        cart_id: cartId,
        points,
        idempotency_key: `hold:${cartId}:test`,
      })
      return await loyalty().convertHold({ hold_id: hold.id, order_id: orderId, currency_code: "usd" })
    }
    /** A shopper with two lots buys two "plain" and spends 150 of their points on the order. */
    const buyWithRedemption = async (email: string) => {
      const shopper = await registerShopper(api, store, email)
      const { account } = await giveLots(shopper.customer_id)
      const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 2 }] })
      const order = await completeCart(api, store, cartId, shopper.token)
      await eventually(async () => expect((await entriesOf(order.id, "earn_pending")).length).toBe(1))
      await redeemOnOrder(account.id, cartId, order.id, 150)
      return { shopper, account, cartId, order }
    }
    const applyPoints = (cartId: string, token: string, points: number) =>
      api.post(
        `/store/carts/${cartId}/loyalty-points`,
        { points },
        { headers: { "x-publishable-api-key": store.publishableKey, authorization: `Bearer ${token}` } }
      )
    const lot = async (id: string) => (await loyalty().listLoyaltyLots({ id }))[0]

    describe("payment.refunded", () => {
      it("should claw back the refunded half of the earned points", async () => {
        const { shopper, order } = await buy("half@example.com")
        expect(order.total).toBe(121)
        const payment = await captureAndEarn(order.id)

        await refund(payment.id, 60.5)
        const view = await eventually(async () => {
          const after = await orderPoints(order.id)
          expect(after.clawed_back).toBe(50)
          return after
        })
        expect(view).toMatchObject({ earnable: 100, earned: 100, pending: 0, voided: 0, clawed_back: 50, written_off: 0 })
        const [refundId] = await refundIdsOf(order.id)
        const clawback = view.entries.find((entry: OrderLoyaltyEntry) => entry.type === "clawback")
        expect(clawback).toMatchObject({
          points: -50,
          reason: "refund",
          reference_type: "refund",
          reference_id: refundId,
          order_id: order.id,
          cause: { type: "refund", id: refundId, payment_id: payment.id },
        })
        expect(await accountOf(shopper.customer_id)).toMatchObject({ balance: 50, lifetime_earned: 50 })
        await eventually(async () =>
          expect(clawedBackEvents).toEqual([
            expect.objectContaining({ order_id: order.id, customer_id: shopper.customer_id, points: 50, written_off: 0, balance: 50 }),
          ])
        )
      })

      it("should claw back exactly what was earned over three partial refunds that add up to the total", async () => {
        const { shopper, order } = await buy("thirds@example.com")
        const payment = await captureAndEarn(order.id)

        const clawed: number[] = []
        for (const [amount, total] of [
          [40, 33], // floor(100 * 40 / 121)
          [40, 66], // floor(100 * 80 / 121), not 33 + 33 rounded on their own
          [41, 100], // the full refund: exactly the rest
        ]) {
          await refund(payment.id, amount)
          await eventually(async () => expect((await orderPoints(order.id)).clawed_back).toBe(total))
          clawed.push(total)
        }
        const clawbacks = await entriesOf(order.id, "clawback")
        expect(clawbacks.map((entry) => entry.points)).toEqual([-33, -33, -34])
        const refundIds = await refundIdsOf(order.id)
        expect(new Set(clawbacks.map((entry) => entry.reference_id))).toEqual(new Set(refundIds))
        expect(await accountOf(shopper.customer_id)).toMatchObject({ balance: 0, lifetime_earned: 0 })
      })

      it("should give redeemed points back in proportion into the lots they came from, with a grace period for an expired lot", async () => {
        const shopper = await registerShopper(api, store, "redeemer@example.com")
        const { account, soon, late } = await giveLots(shopper.customer_id)
        const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 2 }] })
        const order = await completeCart(api, store, cartId, shopper.token)
        await eventually(async () => expect((await entriesOf(order.id, "earn_pending")).length).toBe(1))
        await redeemOnOrder(account.id, cartId, order.id, 150)
        // First-expiring first: all of the soon lot, 50 of the late one.
        expect(await lot(soon.id)).toMatchObject({ remaining: 0 })
        expect(await lot(late.id)).toMatchObject({ remaining: 50 })
        const payment = await captureAndEarn(order.id)

        await refund(payment.id, 60.5)
        await eventually(async () => expect((await orderPoints(order.id)).given_back).toBe(75)) // floor(150 * 60.5 / 121)
        // Latest taken first: the late lot is whole again, the soon lot gets the other 25.
        expect(await lot(late.id)).toMatchObject({ remaining: 100, expires_at: late.expires_at })
        expect(await lot(soon.id)).toMatchObject({ remaining: 25, expires_at: soon.expires_at })

        // The soon lot's date passes before the rest is refunded: those points come back
        // in a new lot that lives the programme's grace period (30 days by default).
        const past = new Date(Date.now() - DAY)
        await loyalty().updateLoyaltyLots({ id: soon.id, expires_at: past })
        await refund(payment.id, 60.5)
        const view = await eventually(async () => {
          const after = await orderPoints(order.id)
          expect(after.given_back).toBe(150)
          return after
        })
        expect(view).toMatchObject({ redeemed: 150, given_back: 150, earned: 100, clawed_back: 100 })
        const grace = (await loyalty().listLoyaltyLots({ account_id: account.id })).find((l) => l.origin_lot_id === soon.id)!
        expect(grace).toMatchObject({ points: 75, remaining: 75 })
        const graceDays = (new Date(grace.expires_at as Date | string).getTime() - Date.now()) / DAY
        expect(graceDays).toBeGreaterThan(29.9)
        expect(graceDays).toBeLessThan(30.1)
        expect(await lot(soon.id)).toMatchObject({ remaining: 25 })
        const reversals = view.entries.filter((entry: OrderLoyaltyEntry) => entry.type === "redeem_reversal")
        expect(reversals.map((entry: OrderLoyaltyEntry) => entry.points)).toEqual([75, 75])
        expect(reversals[1].cause).toMatchObject({ type: "refund", payment_id: payment.id })
        // 200 - 150 redeemed + 100 earned, then +150 given back - 100 clawed back.
        expect(await accountOf(shopper.customer_id)).toMatchObject({ balance: 200, lifetime_redeemed: 0, lifetime_earned: 0 })
      })

      it("should void rather than claw back the refunded share when the refund is handled before its capture", async () => {
        const service = loyalty()
        const account = await service.retrieveOrCreateAccount("cus_early_refund")
        await service.recordPendingEarning({
          account_id: account.id,
          order_id: "order_early_refund",
          points: 100,
          idempotency_key: "earn_pending:order_early_refund",
        })
        const money = { captured_amount: 121, refunded_amount: 60.5, payable_amount: 121, canceled: false }
        const reversal = await service.settleOrderReversal({
          ...money,
          account_id: account.id,
          order_id: "order_early_refund",
          cause: { type: "refund", id: "ref_early" },
        })
        expect(reversal).toMatchObject({ voided: 50, clawed_back: 0 })
        // The capture's event comes last: it earns only the share that was kept.
        const earned = await service.settleOrderEarning({
          account_id: account.id,
          order_id: "order_early_refund",
          captured_amount: 121,
          payable_amount: 121,
        })
        expect(earned.entry).toMatchObject({ points: 50 })
        expect(await service.summarizeOrderPoints("order_early_refund")).toMatchObject({
          earnable: 100,
          pending: 0,
          earned: 50,
          voided: 50,
          clawed_back: 0,
        })
        const again = await service.settleOrderReversal({
          ...money,
          account_id: account.id,
          order_id: "order_early_refund",
          cause: { type: "refund", id: "ref_early" },
        })
        expect(again.replayed).toBe(true)
        expect(await service.retrieveAccountBalance(account.id)).toMatchObject({ balance: 50, pending: 0 })
      })

      it("should give nothing back on refund under `restore_redeemed_on_refund: none`, and everything on cancel", async () => {
        await api.post("/admin/loyalty-points/program", { restore_redeemed_on_refund: "none" }, admin)
        const { order } = await buyWithRedemption("norestore@example.com")
        const payment = await captureAndEarn(order.id)

        await refund(payment.id, 60.5)
        await eventually(async () => expect((await orderPoints(order.id)).clawed_back).toBe(50))
        expect((await orderPoints(order.id)).given_back).toBe(0)

        await cancel(order.id)
        const view = await eventually(async () => {
          const after = await orderPoints(order.id)
          expect(after.given_back).toBe(150)
          return after
        })
        expect(view).toMatchObject({ clawed_back: 100, given_back: 150 })
      })
    })

    describe("order.canceled", () => {
      it("should void the pending points, release the hold and give back the redeemed points of an uncaptured order", async () => {
        const { shopper, account, cartId, order } = await buyWithRedemption("cancel-pending@example.com")
        // A hold the cart still carries (a conversion that never happened) is released too.
        const { hold } = await loyalty().holdPoints({
          account_id: account.id,
          cart_id: cartId,
          points: 30,
          idempotency_key: `hold:${cartId}:left`,
        })
        expect(await accountOf(shopper.customer_id)).toMatchObject({ balance: 50, held: 30, pending: 100 })

        await cancel(order.id)
        const view = await eventually(async () => {
          const after = await orderPoints(order.id)
          expect(after.given_back).toBe(150)
          return after
        })
        expect(view).toMatchObject({ earnable: 100, pending: 0, voided: 100, earned: 0, clawed_back: 0, redeemed: 150 })
        const voids = view.entries.filter((entry: OrderLoyaltyEntry) => entry.type === "earn_void")
        expect(voids).toEqual([
          expect.objectContaining({ points: -100, reason: "order_canceled", cause: { type: "cancel", id: order.id } }),
        ])
        await eventually(async () =>
          expect((await loyalty().listLoyaltyHolds({ id: hold.id }))[0]).toMatchObject({ status: "released" })
        )
        expect(await accountOf(shopper.customer_id)).toMatchObject({ balance: 200, held: 0, pending: 0, available: 200 })
        expect(clawedBackEvents).toEqual([])
      })

      it("should claw back the earned points and give back the redeemed ones of a captured order once, despite the refund cancel makes", async () => {
        const { shopper, order } = await buyWithRedemption("cancel-captured@example.com")
        const payment = await captureAndEarn(order.id)

        await cancel(order.id)
        await eventually(async () => expect((await orderPoints(order.id)).clawed_back).toBe(100))
        // Cancel refunded the whole capture without a payment.refunded; a late one changes nothing.
        expect(await refundIdsOf(order.id)).toHaveLength(1)
        await settle()
        await reverseOnPaymentRefundedWorkflow(getContainer()).run({ input: { payment_id: payment.id } })
        const view = await orderPoints(order.id)
        expect(view).toMatchObject({ earned: 100, clawed_back: 100, redeemed: 150, given_back: 150, pending: 0, voided: 0 })
        expect(view.entries.map((entry: OrderLoyaltyEntry) => entry.type)).toEqual([
          "earn_pending",
          "redeem",
          "earn",
          "redeem_reversal",
          "clawback",
        ])
        expect(view.entries.find((entry: OrderLoyaltyEntry) => entry.type === "clawback")).toMatchObject({
          reason: "order_canceled",
          reference_type: "order",
          reference_id: order.id,
          cause: { type: "cancel", id: order.id },
        })
        expect(await accountOf(shopper.customer_id)).toMatchObject({ balance: 200, pending: 0, lifetime_earned: 0 })
      })

      it("should reach the same state when a partial refund comes before the cancel", async () => {
        const { shopper, order } = await buy("refund-then-cancel@example.com")
        const payment = await captureAndEarn(order.id)
        await refund(payment.id, 40)
        await eventually(async () => expect((await orderPoints(order.id)).clawed_back).toBe(33))

        await cancel(order.id)
        await eventually(async () => expect((await orderPoints(order.id)).clawed_back).toBe(100))
        await settle()
        const clawbacks = await entriesOf(order.id, "clawback")
        expect(clawbacks.map((entry) => [entry.points, entry.cause!.type])).toEqual([
          [-33, "refund"],
          [-67, "cancel"],
        ])
        expect(await accountOf(shopper.customer_id)).toMatchObject({ balance: 0, pending: 0, lifetime_earned: 0 })
      })
    })

    describe("clawback beyond the balance", () => {
      it("should take the balance below zero by default and let the next earn pay the debt first", async () => {
        const { shopper, order } = await buy("debt@example.com")
        const payment = await captureAndEarn(order.id)
        const account = await accountOf(shopper.customer_id)
        await loyalty().debitPoints({ account_id: account.id, points: 80, type: "adjust", idempotency_key: "spent:debt" })

        await refund(payment.id, 121)
        await eventually(async () => expect((await orderPoints(order.id)).clawed_back).toBe(100))
        expect(await accountOf(shopper.customer_id)).toMatchObject({ balance: -80, available: -80 })
        await eventually(async () =>
          expect(clawedBackEvents).toEqual([expect.objectContaining({ points: 100, written_off: 0, balance: -80 })])
        )

        const next = await buyAgain(shopper)
        await captureAndEarn(next.id)
        const earn = (await entriesOf(next.id, "earn"))[0]
        expect(earn).toMatchObject({ points: 100, metadata: expect.objectContaining({ debt_paid: 80 }) })
        expect(await accountOf(shopper.customer_id)).toMatchObject({ balance: 20 })
        const lots = await loyalty().listLoyaltyLots({ account_id: account.id, entry_id: earn.id })
        expect(lots).toEqual([expect.objectContaining({ points: 20, remaining: 20 })])
      })

      it("should honour both allow_negative_balance settings in the ledger", async () => {
        const service = loyalty()
        const earnOrder = async (accountId: string, orderId: string) => {
          await service.recordPendingEarning({
            account_id: accountId,
            order_id: orderId,
            points: 100,
            idempotency_key: `earn_pending:${orderId}`,
          })
          await service.settleOrderEarning({ account_id: accountId, order_id: orderId, captured_amount: 100, payable_amount: 100 })
        }
        const fullRefund = (accountId: string, orderId: string, allow: boolean) =>
          service.settleOrderReversal({
            account_id: accountId,
            order_id: orderId,
            captured_amount: 100,
            refunded_amount: 100,
            payable_amount: 100,
            canceled: false,
            cause: { type: "refund", id: `ref_${orderId}` },
            allow_negative_balance: allow,
            currency_code: "usd",
          })

        const stops = await service.retrieveOrCreateAccount("cus_write_off")
        await earnOrder(stops.id, "order_write_off")
        await service.debitPoints({ account_id: stops.id, points: 80, type: "adjust", idempotency_key: "spent:write_off" })
        const first = await fullRefund(stops.id, "order_write_off", false)
        expect(first).toMatchObject({ clawed_back: 20, written_off: 80, replayed: false })
        expect(first.entries).toEqual([
          expect.objectContaining({ type: "clawback", points: -20, metadata: expect.objectContaining({ written_off: 80 }) }),
        ])
        expect(first.account).toMatchObject({ balance: 0 })
        // Written off counts as clawed back: a repeat, even one allowing debt, takes nothing more.
        const again = await fullRefund(stops.id, "order_write_off", true)
        expect(again).toMatchObject({ clawed_back: 0, written_off: 0, replayed: true, entries: [] })
        expect(await service.summarizeOrderPoints("order_write_off")).toMatchObject({ clawed_back: 20, written_off: 80 })

        const owes = await service.retrieveOrCreateAccount("cus_debt")
        await earnOrder(owes.id, "order_debt")
        await service.debitPoints({ account_id: owes.id, points: 80, type: "adjust", idempotency_key: "spent:debt_ledger" })
        const debt = await fullRefund(owes.id, "order_debt", true)
        expect(debt).toMatchObject({ clawed_back: 100, written_off: 0 })
        expect(debt.account).toMatchObject({ balance: -80 })
        const paid = await service.creditPoints({ account_id: owes.id, points: 50, type: "bonus", idempotency_key: "bonus:debt" })
        expect(paid.entry.metadata).toMatchObject({ debt_paid: 50 })
        expect(paid.account.balance).toBe(-30)
      })
    })

    describe("repeated and concurrent events", () => {
      it("should change nothing when the same refund and cancel events are delivered twice and at the same time", async () => {
        const { shopper, order } = await buyWithRedemption("twice@example.com")
        const payment = await captureAndEarn(order.id)
        const container = getContainer()

        await refund(payment.id, 60.5)
        await eventually(async () => expect((await orderPoints(order.id)).given_back).toBe(75))
        await settle()
        const afterRefund = await orderPoints(order.id)
        await Promise.all([
          reverseOnPaymentRefundedWorkflow(container).run({ input: { payment_id: payment.id } }),
          reverseOnPaymentRefundedWorkflow(container).run({ input: { payment_id: payment.id } }),
          reverseOrderPointsWorkflow(container).run({ input: { order_id: order.id, cause: "refund" } }),
        ])
        await reverseOnPaymentRefundedWorkflow(container).run({ input: { payment_id: payment.id } })
        expect(await orderPoints(order.id)).toEqual(afterRefund)

        await cancel(order.id)
        await eventually(async () => expect((await orderPoints(order.id)).clawed_back).toBe(100))
        await settle()
        const afterCancel = await orderPoints(order.id)
        await Promise.all([
          reverseOrderPointsWorkflow(container).run({ input: { order_id: order.id, cause: "cancel" } }),
          reverseOrderPointsWorkflow(container).run({ input: { order_id: order.id, cause: "cancel" } }),
          reverseOnPaymentRefundedWorkflow(container).run({ input: { payment_id: payment.id } }),
        ])
        await reverseOrderPointsWorkflow(container).run({ input: { order_id: order.id, cause: "cancel" } })
        expect(await orderPoints(order.id)).toEqual(afterCancel)
        expect(afterCancel).toMatchObject({ earned: 100, clawed_back: 100, redeemed: 150, given_back: 150 })
        expect(await accountOf(shopper.customer_id)).toMatchObject({ balance: 200, pending: 0 })
      })
    })

    describe("order-edit.confirmed", () => {
      const editOrder = async (orderId: string, change: (orderId: string) => Promise<unknown>) => {
        await api.post("/admin/order-edits", { order_id: orderId }, admin)
        await change(orderId)
        await api.post(`/admin/order-edits/${orderId}/request`, {}, admin)
        await api.post(`/admin/order-edits/${orderId}/confirm`, {}, admin)
      }

      it("should move the pending points of an unpaid order to what the edited order earns", async () => {
        const { shopper, order } = await buy("edited@example.com")
        await editOrder(order.id, (id) =>
          api.post(`/admin/order-edits/${id}/items`, { items: [{ variant_id: store.products.plain.variant_id, quantity: 1 }] }, admin)
        )
        const view = await eventually(async () => {
          const after = await orderPoints(order.id)
          expect(after.earnable).toBe(150)
          return after
        })
        expect(view).toMatchObject({ pending: 150, voided: 0 })
        const revision = view.entries.find((entry: OrderLoyaltyEntry) => entry.reason === "order_edited")
        expect(revision).toMatchObject({ type: "earn_pending", points: 50, cause: expect.objectContaining({ type: "order_edit" }) })
        expect(view.breakdown.points).toBe(150)
        expect(await accountOf(shopper.customer_id)).toMatchObject({ pending: 150 })

        // The same edit delivered again changes nothing.
        await reviseEditedOrderEarningWorkflow(getContainer()).run({ input: { order_id: order.id } })
        expect((await entriesOf(order.id)).length).toBe(view.entries.length)

        const {
          data: { order: edited },
        } = await api.get(`/admin/orders/${order.id}?fields=*items`, admin)
        // The edit added a line of 1; the original line goes from 2 to 1: 2 units left.
        const item = edited.items.find((line: HttpTypes.AdminOrderLineItem) => line.quantity === 2)
        await editOrder(order.id, (id) =>
          api.post(`/admin/order-edits/${id}/items/item/${item.id}`, { quantity: 1 }, admin)
        )
        const lowered = await eventually(async () => {
          const after = await orderPoints(order.id)
          expect(after.earnable).toBe(100)
          return after
        })
        // An edit moves the figure: it is not a void caused by a refund or cancellation.
        expect(lowered).toMatchObject({ pending: 100, voided: 0 })
        expect(
          lowered.entries
            .filter((entry: OrderLoyaltyEntry) => entry.reason === "order_edited")
            .map((e: OrderLoyaltyEntry) => [e.type, e.points])
        ).toEqual([
          ["earn_pending", 50],
          ["earn_void", -50],
        ])
        expect(lowered.breakdown.points).toBe(100)
        expect(await accountOf(shopper.customer_id)).toMatchObject({ pending: 100, balance: 0 })
      })

      it("should leave an order whose points were earned to the refund path", async () => {
        const { order } = await buy("edited-paid@example.com")
        await captureAndEarn(order.id)
        const { result } = await reviseEditedOrderEarningWorkflow(getContainer()).run({ input: { order_id: order.id } })
        expect(result).toMatchObject({ earnable: 100, points_changed: 0, skipped: "already_settled" })
      })
    })
    describe("points spent in the cart", () => {
      it("should give back points spent through the cart by value when the order is refunded, and the rest only on cancel", async () => {
        const shopper = await registerShopper(api, store, "cart-spender@example.com")
        const { account, soon, late } = await giveLots(shopper.customer_id)
        const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 2 }] })
        await applyPoints(cartId, shopper.token, 150)
        const order = await completeCart(api, store, cartId, shopper.token)
        // 100 - 1.50 of points = 98.50 of goods, 9.85 tax, 11 shipping: 119.35 paid, 98 points earnable.
        expect(order.total).toBe(119.35)
        await eventually(async () => expect((await orderPoints(order.id)).redeemed).toBe(150))
        expect(await lot(soon.id)).toMatchObject({ remaining: 0 })
        expect(await lot(late.id)).toMatchObject({ remaining: 50 })
        const payment = await captureAndEarn(order.id, 98)

        // The whole cash is refunded, but the cash is 119.35 of the order's value of 121
        // before the points discount (1.65 with tax): floor(150 * 119.35 / 121) = 147 back.
        await refund(payment.id, 119.35)
        const view = await eventually(async () => {
          const after = await orderPoints(order.id)
          expect(after).toMatchObject({ given_back: 147, clawed_back: 98 })
          return after
        })
        expect(view).toMatchObject({ redeemed: 150, earned: 98, written_off: 0 })
        // Latest taken first: the late lot is whole again, the soon lot gets the other 97.
        expect(await lot(late.id)).toMatchObject({ remaining: 100, expires_at: late.expires_at })
        expect(await lot(soon.id)).toMatchObject({ remaining: 97, expires_at: soon.expires_at })
        expect(await loyalty().retrieveAccountBalance(account.id)).toMatchObject({ balance: 197, held: 0, pending: 0 })

        // Cancellation gives everything back: the last 3, and nothing twice.
        await cancel(order.id)
        const after = await eventually(async () => {
          const canceled = await orderPoints(order.id)
          expect(canceled).toMatchObject({ given_back: 150, clawed_back: 98 })
          return canceled
        })
        expect(
          after.entries
            .filter((entry: OrderLoyaltyEntry) => entry.type === "redeem_reversal")
            .map((entry: OrderLoyaltyEntry) => entry.points)
        ).toEqual([147, 3])
        expect(await lot(soon.id)).toMatchObject({ remaining: 100 })
        expect(await loyalty().retrieveAccountBalance(account.id)).toMatchObject({ balance: 200 })
      })

      it("should give back redeemed points in the refunded share of the order's value before the points discount, not of the cash", async () => {
        const shopper = await registerShopper(api, store, "by-value@example.com")
        const account = await accountOf(shopper.customer_id)
        await loyalty().creditPoints({ account_id: account.id, points: 10000, type: "import", idempotency_key: "seed:by-value" })
        const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 2 }] })
        await applyPoints(cartId, shopper.token, 10000)
        const order = await completeCart(api, store, cartId, shopper.token)
        // 10,000 points pay the goods (100, 110 with tax); the shopper pays 11 of shipping.
        // The order is worth 121 before the points discount, 91% of it paid with points.
        expect(order.total).toBe(11)
        await eventually(async () => expect((await orderPoints(order.id)).redeemed).toBe(10000))
        const payment = await capture(order.id)

        // 1% of the order's value refunded gives back 1% of its points: 100, not the
        // 1,100 that 1.21 of 11 paid in cash would say.
        await refund(payment.id, 1.21)
        await eventually(async () => expect((await orderPoints(order.id)).given_back).toBe(100))
        // All the cash refunded: 11 of 121, floor(10,000 * 11 / 121) = 909 in all.
        await refund(payment.id, 9.79)
        await eventually(async () => expect((await orderPoints(order.id)).given_back).toBe(909))
        const reversals = (await entriesOf(order.id, "redeem_reversal")).map((entry) => entry.points)
        expect(reversals).toEqual([100, 809])
        expect(await loyalty().retrieveAccountBalance(account.id)).toMatchObject({ balance: 909 })
        // Repeated events give nothing more.
        await reverseOnPaymentRefundedWorkflow(getContainer()).run({ input: { payment_id: payment.id } })
        expect((await orderPoints(order.id)).given_back).toBe(909)

        // The cancellation gives back the rest.
        await cancel(order.id)
        await eventually(async () => expect((await orderPoints(order.id)).given_back).toBe(10000))
        expect(await loyalty().retrieveAccountBalance(account.id)).toMatchObject({ balance: 10000, held: 0 })
      })

      it("should give back the points discount Medusa allocated to returned items when the return is received, and nothing twice for its refund", async () => {
        const shopper = await registerShopper(api, store, "returner@example.com")
        const account = await accountOf(shopper.customer_id)
        await loyalty().creditPoints({ account_id: account.id, points: 10000, type: "import", idempotency_key: "seed:returner" })
        const cartId = await createCart(api, store, { token: shopper.token, lines: [{ product: "plain", quantity: 2 }] })
        await applyPoints(cartId, shopper.token, 6000)
        const order = await completeCart(api, store, cartId, shopper.token)
        // 100 of goods less 60 of points = 40, 4 tax, 11 shipping: 55 paid.
        expect(order.total).toBe(55)
        await eventually(async () => expect((await orderPoints(order.id)).redeemed).toBe(6000))
        const payment = await captureAndEarn(order.id, 40)
        const {
          data: { order: full },
        } = await api.get(`/admin/orders/${order.id}?fields=*items`, admin)
        const item = full.items[0]
        await api.post(`/admin/orders/${order.id}/fulfillments`, { items: [{ id: item.id, quantity: 2 }] }, admin)

        // One of the two is returned: its share of the points discount is 30 (33 with tax) of 60.
        const {
          data: { return: started },
        } = await api.post("/admin/returns", { order_id: order.id }, admin)
        await api.post(`/admin/returns/${started.id}/request-items`, { items: [{ id: item.id, quantity: 1 }] }, admin)
        await api.post(`/admin/returns/${started.id}/request`, {}, admin)
        await api.post(`/admin/returns/${started.id}/receive`, {}, admin)
        await api.post(`/admin/returns/${started.id}/receive-items`, { items: [{ id: item.id, quantity: 1 }] }, admin)
        await api.post(`/admin/returns/${started.id}/receive/confirm`, {}, admin)
        const view = await eventually(async () => {
          const after = await orderPoints(order.id)
          expect(after.given_back).toBe(3000)
          return after
        })
        expect(view.entries.find((entry: OrderLoyaltyEntry) => entry.type === "redeem_reversal")).toMatchObject({
          points: 3000,
          reason: "return",
          cause: { type: "return", id: started.id },
        })
        // The returned item's money (22 with tax) is refunded: no points for it a second time.
        await refund(payment.id, 22)
        await eventually(async () => expect((await orderPoints(order.id)).clawed_back).toBe(16)) // floor(40 * 22 / 55)
        expect((await orderPoints(order.id)).given_back).toBe(3000)
        expect(await loyalty().retrieveAccountBalance(account.id)).toMatchObject({ balance: 7000 + 40 - 16 })
      })
    })
  },
})
