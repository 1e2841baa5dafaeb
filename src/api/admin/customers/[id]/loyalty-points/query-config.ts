import { LOYALTY_ACCOUNT_FIELDS } from "../../../../../workflows/accounts/utils/account-view"

export const retrieveCustomerLoyaltyPointsQueryConfig = {
  entity: "loyalty_account",
  defaults: LOYALTY_ACCOUNT_FIELDS,
  isList: false,
}
