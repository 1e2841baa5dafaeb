import { LOYALTY_ACCOUNT_FIELDS } from "../../../../../read-models/account-views"

export const retrieveCustomerLoyaltyPointsQueryConfig = {
  entity: "loyalty_account",
  defaults: LOYALTY_ACCOUNT_FIELDS,
  isList: false,
}
