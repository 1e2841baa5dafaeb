import { notificationSettingsFor, parseLoyaltyPointsOptions } from "../options"

describe("notificationSettingsFor", () => {
  it("sends nothing while notifications are off, the default", () => {
    const options = parseLoyaltyPointsOptions(undefined)
    expect(options.notifications.events).toEqual({})
    expect(notificationSettingsFor(options, "loyalty_points.earned")).toBeNull()
  })

  it("gives each event its default template and the first channel, or what the options say", () => {
    const options = parseLoyaltyPointsOptions({
      notifications: {
        enabled: true,
        channels: ["sms", "email"],
        events: {
          "loyalty_points.tier_changed": { template: "tier-news", channel: "feed" },
          "loyalty_points.redeemed": false,
        },
      },
    })
    expect(notificationSettingsFor(options, "loyalty_points.expiring")).toEqual({ template: "loyalty-points-expiring", channel: "sms" })
    expect(notificationSettingsFor(options, "loyalty_points.clawed_back")).toEqual({ template: "loyalty-points-clawed-back", channel: "sms" })
    expect(notificationSettingsFor(options, "loyalty_points.tier_changed")).toEqual({ template: "tier-news", channel: "feed" })
    expect(notificationSettingsFor(options, "loyalty_points.redeemed")).toBeNull()
  })

  it.each([
    [{ notifications: { events: { "loyalty_points.adjusted": { template: "x" } } } }, 'option "notifications.events"'],
    [{ notifications: { events: { "loyalty_points.earned": { template: "" } } } }, 'option "notifications.events.loyalty_points.earned'],
    [{ notifications: { events: { "loyalty_points.earned": true } } }, 'option "notifications.events.loyalty_points.earned'],
  ])("refuses %j naming the option", (raw, named) => {
    expect(() => parseLoyaltyPointsOptions(raw)).toThrow(named)
  })
})
