import { defineMiddlewares } from "@medusajs/framework/http"
import { adminCustomerLoyaltyPointsMiddlewares } from "./admin/customers/[id]/loyalty-points/middlewares"
import { adminLoyaltyAccountsMiddlewares } from "./admin/loyalty-points/accounts/middlewares"
import { storeLoyaltyAccountMiddlewares } from "./store/customers/me/loyalty-points/middlewares"
import { adminLoyaltyEarningRulesMiddlewares } from "./admin/loyalty-points/rules/middlewares"
import { adminLoyaltyTiersMiddlewares } from "./admin/loyalty-points/tiers/middlewares"
import { adminProgramMiddlewares } from "./admin/loyalty-points/program/middlewares"
import { adminLoyaltyExpiryMiddlewares } from "./admin/loyalty-points/expire/middlewares"
import { adminReconciliationReportMiddlewares } from "./admin/loyalty-points/reports/reconciliation/middlewares"
import { storeCartLoyaltyPointsMiddlewares } from "./store/carts/[id]/loyalty-points/middlewares"
import { adminSummaryReportMiddlewares } from "./admin/loyalty-points/reports/summary/middlewares"
import { adminLoyaltyImportsMiddlewares } from "./admin/loyalty-points/imports/middlewares"
import { adminLoyaltyCampaignsMiddlewares } from "./admin/loyalty-points/campaigns/middlewares"
import { adminLoyaltyVoucherMiddlewares } from "./admin/customers/[id]/loyalty-points/vouchers/middlewares"
import { storeLoyaltyVoucherMiddlewares } from "./store/customers/me/loyalty-points/vouchers/middlewares"
import { adminLoyaltyPointsPolicyMiddlewares } from "./admin/loyalty-points-policies"

/**
 * Each resource keeps its own middlewares (validation, auth) beside its routes; this
 * file only gathers them. The plugin sets no application error handler: that one slot
 * belongs to the store; routes whose error message matters answer it themselves (utils/answer-errors).
 */
export default defineMiddlewares({
  routes: [
    ...adminLoyaltyPointsPolicyMiddlewares,
    ...adminLoyaltyImportsMiddlewares,
    ...adminSummaryReportMiddlewares,
    ...storeLoyaltyVoucherMiddlewares,
    ...adminLoyaltyVoucherMiddlewares,
    ...adminProgramMiddlewares,
    ...adminLoyaltyExpiryMiddlewares,
    ...adminReconciliationReportMiddlewares,
    ...storeCartLoyaltyPointsMiddlewares,
    ...adminLoyaltyTiersMiddlewares,
    ...adminLoyaltyEarningRulesMiddlewares,
    ...adminLoyaltyCampaignsMiddlewares,
    ...storeLoyaltyAccountMiddlewares,
    ...adminCustomerLoyaltyPointsMiddlewares,
    ...adminLoyaltyAccountsMiddlewares,
  ],
})
