import { Context } from "@medusajs/framework/types"
import { ApplyImportInput, ApplyImportResult } from "../imports"
import {
  CreditPointsInput,
  DebitPointsInput,
  LedgerAccountDTO,
  LedgerEntryDTO,
  LedgerResult,
  PendingPointsInput,
  ReversePointsInput,
} from "../ledger"
import { ReservedVoucher, ReserveVoucherInput } from "../vouchers"

/** The accounts and the writes that move points, of `ILoyaltyPointsModuleService`. */
export interface LoyaltyAccountsAndPointsMethods {
  /* ------------------------------------------------------------------ accounts and points */

  /**
   * The customer's account in the default programme, created (all zeros) when missing.
   *
   * @example
   * const account = await loyaltyPointsService.retrieveOrCreateAccount("cus_123")
   */
  retrieveOrCreateAccount(customerId: string, sharedContext?: Context): Promise<LedgerAccountDTO>

  /**
   * The customer's account as stored or, when there is none yet, the account of zeros it
   * will be (same id). A read: creates nothing.
   *
   * @example
   * const account = await loyaltyPointsService.retrieveCustomerAccount("cus_123")
   */
  retrieveCustomerAccount(customerId: string, sharedContext?: Context): Promise<LedgerAccountDTO>

  /**
   * A page of the account's history, newest first, with the count kept on the account.
   *
   * @example
   * const { entries, count } = await loyaltyPointsService.listAccountEntries("lpacc_123", { limit: 20, offset: 0 })
   */
  listAccountEntries(
    accountId: string,
    page: { limit: number; offset: number },
    sharedContext?: Context
  ): Promise<{ entries: LedgerEntryDTO[]; count: number }>

  /**
   * One account's figures, from its row.
   *
   * @example
   * const { balance, available } = await loyaltyPointsService.retrieveAccountBalance("lpacc_123")
   */
  retrieveAccountBalance(accountId: string, sharedContext?: Context): Promise<LedgerAccountDTO>

  /**
   * Adds spendable points in a lot with its expiry; a negative balance is paid first.
   *
   * @example
   * await loyaltyPointsService.creditPoints({ account_id: "lpacc_123", points: 100, type: "earn", idempotency_key: "earn:order_1:pay_1" })
   */
  creditPoints(input: CreditPointsInput, sharedContext?: Context): Promise<LedgerResult>

  /**
   * Takes spendable points, first-expiring lots first; 409 below `available` unless `allow_debt`.
   *
   * @example
   * await loyaltyPointsService.debitPoints({ account_id: "lpacc_123", points: 40, type: "adjust", idempotency_key: "adj_1" })
   */
  debitPoints(input: DebitPointsInput, sharedContext?: Context): Promise<LedgerResult>

  /**
   * Records points earned but not yet spendable (`earn_pending`).
   *
   * @example
   * await loyaltyPointsService.addPendingPoints({ account_id: "lpacc_123", points: 25, idempotency_key: "pending:order_1" })
   */
  addPendingPoints(input: PendingPointsInput, sharedContext?: Context): Promise<LedgerResult>

  /**
   * Cancels pending points that will never become spendable (`earn_void`).
   *
   * @example
   * await loyaltyPointsService.voidPendingPoints({ account_id: "lpacc_123", points: 25, idempotency_key: "void:order_1" })
   */
  voidPendingPoints(input: PendingPointsInput, sharedContext?: Context): Promise<LedgerResult>

  /**
   * Gives back (part of) a debit into the lots it took from, or grace lots where their date passed.
   *
   * @example
   * await loyaltyPointsService.reversePoints({ entry_id: "lpent_redeem", points: 200, idempotency_key: "refund:ref_1:redeem" })
   */
  reversePoints(input: ReversePointsInput, sharedContext?: Context): Promise<LedgerResult>

  /**
   * Insert-or-get of a voucher's debit under the account lock: a used key answers the
   * first debit (`replayed`, `given_back` when that request failed and its points came
   * back); otherwise checks the programme's daily voucher cap and spends the points.
   *
   * @example
   * const { entry, replayed } = await loyaltyPointsService.reserveVoucher({ account_id, customer_id, points: 500, code, amount: 5, currency_code: "usd", expires_at, idempotency_key, actor_type: "customer", actor_id })
   */
  reserveVoucher(input: ReserveVoucherInput, sharedContext?: Context): Promise<ReservedVoucher>

  /**
   * Voucher debits older than `minutes` (younger than 30 days) that nothing gave back,
   * oldest first: the recovery job checks that each has its voucher.
   *
   * @example
   * const debits = await loyaltyPointsService.unsettledVoucherDebits({ minutes: 15, limit: 100 })
   */
  unsettledVoucherDebits(
    input: { minutes: number; limit: number },
    sharedContext?: Context
  ): Promise<{ id: string; code: string; idempotency_key: string; points: number }[]>

  /* ------------------------------------------------------------------ imports */

  /**
   * Applies a stored import in one transaction: one `import` entry per row (key
   * `import:<id>:<row>`, the requesting admin as actor), or none when any row fails. A
   * `pending_approval` import needs `approval` by an admin other than its creator.
   *
   * @example
   * await loyaltyPointsService.applyImport({ import_id: "lpimp_1", actor_id: "user_2", approval: true })
   */
  applyImport(input: ApplyImportInput, sharedContext?: Context): Promise<ApplyImportResult>
}
