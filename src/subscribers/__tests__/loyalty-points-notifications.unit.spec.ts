import { LOYALTY_POINTS_MODULE, parseLoyaltyPointsOptions } from "../../types"
import { sendLoyaltyNotificationWorkflow } from "../../workflows/notifications"
import handler from "../loyalty-points-notifications"

// What is under test is the subscriber's choice to run the workflow or not; the
// workflow itself runs against a real app in integration-tests/http/nightly.spec.ts.
jest.mock("../../workflows/notifications", () => {
  const run = jest.fn(async () => ({ result: { sent: true } }))
  return { sendLoyaltyNotificationWorkflow: jest.fn(() => ({ run })) }
})

function deliver(rawOptions: unknown, name: string) {
  const options = parseLoyaltyPointsOptions(rawOptions)
  const container = {
    resolve: (key: string) => {
      if (key !== LOYALTY_POINTS_MODULE) {
        throw new Error(`unexpected resolve of ${key}`)
      }
      return { getOptions: () => options }
    },
  }
  const data = { id: "lpent_1", customer_id: "cus_1", points: 5 }
  return handler({ event: { name, data }, container } as unknown as Parameters<typeof handler>[0])
}

const runs = () => {
  const calls = jest.mocked(sendLoyaltyNotificationWorkflow).mock.results
  return calls.flatMap((call) => (call.value as { run: jest.Mock }).run.mock.calls)
}

describe("loyalty-points-notifications subscriber", () => {
  beforeEach(() => jest.clearAllMocks())

  it("runs no workflow while notifications are off, the default", async () => {
    await deliver(undefined, "loyalty_points.earned")
    await deliver(undefined, "loyalty_points.expiring")
    expect(sendLoyaltyNotificationWorkflow).not.toHaveBeenCalled()
  })

  it("runs no workflow for an event turned off", async () => {
    await deliver({ notifications: { enabled: true, events: { "loyalty_points.redeemed": false } } }, "loyalty_points.redeemed")
    expect(sendLoyaltyNotificationWorkflow).not.toHaveBeenCalled()
  })

  it("runs the notification workflow with the event when it is on", async () => {
    await deliver({ notifications: { enabled: true } }, "loyalty_points.earned")
    expect(runs()).toEqual([
      [{ input: { event_name: "loyalty_points.earned", data: { id: "lpent_1", customer_id: "cus_1", points: 5 } } }],
    ])
  })
})
