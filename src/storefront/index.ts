/**
 * `medusa-loyalty-points/storefront`: what a storefront needs to show and spend points.
 * No server code: typed functions over Medusa's JS SDK (`sdk.client.fetch`), the store
 * routes' response types, and two unstyled React components.
 */
export * from "./types"
export * from "./errors"
export * from "./client"
export * from "./format"
export { LoyaltyAccountPoints, ACCOUNT_LABELS } from "./account-points"
export type { LoyaltyAccountPointsProps } from "./account-points"
export { CartLoyaltyPoints, CART_LABELS } from "./cart-points"
export type { CartLoyaltyPointsProps } from "./cart-points"
