import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { listLoyaltyEntriesQueryConfig, retrieveLoyaltyAccountQueryConfig } from "./query-config"
import {
  StoreGetLoyaltyAccountSchema,
  StoreGetLoyaltyEntriesSchema,
  StoreRecordReferralSchema,
  StoreUpdateLoyaltyAccountSchema,
} from "./validators"

/**
 * The shopper's own account and history. Medusa already requires a logged-in customer
 * on `/store/customers/me*` (401 otherwise); the routes read the customer from the
 * token only.
 */
export const storeLoyaltyAccountMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/store/customers/me/loyalty-points",
    middlewares: [validateAndTransformQuery(StoreGetLoyaltyAccountSchema, retrieveLoyaltyAccountQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/store/customers/me/loyalty-points",
    middlewares: [
      validateAndTransformBody(StoreUpdateLoyaltyAccountSchema),
      validateAndTransformQuery(StoreGetLoyaltyAccountSchema, retrieveLoyaltyAccountQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/store/customers/me/loyalty-points/referral",
    middlewares: [validateAndTransformBody(StoreRecordReferralSchema)],
  },
  {
    method: ["GET"],
    matcher: "/store/customers/me/loyalty-points/entries",
    middlewares: [validateAndTransformQuery(StoreGetLoyaltyEntriesSchema, listLoyaltyEntriesQueryConfig)],
  },
]
