import { AbstractModuleService } from "@medusajs/framework/utils"
import { IModuleService } from "@medusajs/framework/types"
import { LoyaltyPointsModelDTOs } from "./models"
import { LoyaltyAccountsAndPointsMethods } from "./service/accounts-and-points"
import { LoyaltyBonusMethods } from "./service/bonuses"
import { LoyaltyExpiryAndReconciliationMethods } from "./service/expiry-and-reconciliation"
import { LoyaltyHoldsAndOrdersMethods } from "./service/holds-and-orders"
import { LoyaltyOneTimeCodeMethods } from "./service/one-time-codes"
import { LoyaltyProgrammeMethods } from "./service/programme"

// The method groups stay internal (only their sum is the module's contract); the
// input and result types declared beside them are public, as they were here.
export type { UpdateProgramSettingsResult } from "./service/programme"
export type { CartRedemptionAttachment } from "./service/holds-and-orders"
export type {
  IssuedRedemptionOtp,
  IssueRedemptionOtpInput,
  RedemptionOtpCheck,
  VerifyRedemptionOtpInput,
} from "./service/one-time-codes"

/** The generated methods (of `MedusaService`) that code outside the module uses. */
type GeneratedMethods = Pick<
  AbstractModuleService<LoyaltyPointsModelDTOs>,
  | "listLoyaltyAccounts"
  | "updateLoyaltyAccounts"
  | "listLoyaltyEntries"
  | "listLoyaltyLots"
  | "updateLoyaltyLots"
  | "listLoyaltyHolds"
  | "listLoyaltyTiers"
  | "retrieveLoyaltyTier"
  | "createLoyaltyTiers"
  | "updateLoyaltyTiers"
  | "deleteLoyaltyTiers"
  | "softDeleteLoyaltyTiers"
  | "restoreLoyaltyTiers"
  | "listLoyaltyEarningRules"
  | "retrieveLoyaltyEarningRule"
  | "createLoyaltyEarningRules"
  | "updateLoyaltyEarningRules"
  | "deleteLoyaltyEarningRules"
  | "softDeleteLoyaltyEarningRules"
  | "restoreLoyaltyEarningRules"
  | "listLoyaltyImports"
  | "listAndCountLoyaltyImports"
  | "retrieveLoyaltyImport"
  | "createLoyaltyImports"
  | "updateLoyaltyImports"
  | "deleteLoyaltyImports"
  | "listLoyaltyCampaigns"
  | "retrieveLoyaltyCampaign"
  | "createLoyaltyCampaigns"
  | "updateLoyaltyCampaigns"
  | "softDeleteLoyaltyCampaigns"
  | "restoreLoyaltyCampaigns"
>

/**
 * The loyalty points module, as everything outside it sees it:
 * `container.resolve<ILoyaltyPointsModuleService>(LOYALTY_POINTS_MODULE)`. Every method
 * that changes points runs in one transaction with the account row locked, writes one
 * ledger entry (or hold) under its idempotency key, and answers the first result when
 * that key is used again. The service documents each method's rules in full.
 *
 * The methods are declared by concern in `service/`, one group per file, so that no
 * file outgrows the project's size guide.
 */
export interface ILoyaltyPointsModuleService
  extends IModuleService,
    GeneratedMethods,
    LoyaltyProgrammeMethods,
    LoyaltyAccountsAndPointsMethods,
    LoyaltyExpiryAndReconciliationMethods,
    LoyaltyHoldsAndOrdersMethods,
    LoyaltyOneTimeCodeMethods,
    LoyaltyBonusMethods {}
