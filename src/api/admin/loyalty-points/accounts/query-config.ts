import {
  LOYALTY_ACCOUNT_CUSTOMER_FIELDS,
  LOYALTY_ACCOUNT_FIELDS,
} from "../../../../read-models/account-views"

export const listLoyaltyAccountsQueryConfig = {
  entity: "loyalty_account",
  defaults: [...LOYALTY_ACCOUNT_FIELDS, ...LOYALTY_ACCOUNT_CUSTOMER_FIELDS],
  isList: true,
  defaultLimit: 20,
}
