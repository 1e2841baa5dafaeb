/**
 * Bodies of the plugin's routes that src/types has no response type for, typed from the
 * code that builds them (over HTTP, their dates are strings).
 */
import type { retrieveOrderLoyaltyView } from "../../src/read-models/order-points"

/** `loyalty_points` of `GET /admin/orders/:id/loyalty-points`. */
export type OrderLoyaltyView = Awaited<ReturnType<typeof retrieveOrderLoyaltyView>>

/** One entry of an order's view, with its `cause`. */
export type OrderLoyaltyEntry = OrderLoyaltyView["entries"][number]
