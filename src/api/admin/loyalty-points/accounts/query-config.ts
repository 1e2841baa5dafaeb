import {
  LOYALTY_ACCOUNT_CUSTOMER_FIELDS,
  LOYALTY_ACCOUNT_FIELDS,
} from "../../../../workflows/accounts/utils/account-view"

export const listLoyaltyAccountsQueryConfig = {
  entity: "loyalty_account",
  defaults: [...LOYALTY_ACCOUNT_FIELDS, ...LOYALTY_ACCOUNT_CUSTOMER_FIELDS],
  isList: true,
  defaultLimit: 20,
}
