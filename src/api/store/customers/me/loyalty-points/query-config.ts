import { LOYALTY_ACCOUNT_FIELDS, LOYALTY_ENTRY_FIELDS } from "../../../../../read-models/account-views"

export const retrieveLoyaltyAccountQueryConfig = {
  entity: "loyalty_account",
  defaults: LOYALTY_ACCOUNT_FIELDS,
  isList: false,
}

export const listLoyaltyEntriesQueryConfig = {
  entity: "loyalty_entry",
  defaults: LOYALTY_ENTRY_FIELDS,
  isList: true,
  defaultLimit: 20,
}
