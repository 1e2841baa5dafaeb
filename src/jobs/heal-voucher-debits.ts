import { MedusaContainer } from "@medusajs/framework/types"
import { healVoucherDebits } from "../workflows/vouchers/utils/heal-voucher-debits"

/** Gives back the points of voucher requests that crashed between their debit and their code. */
export default async function healLoyaltyVoucherDebitsJob(container: MedusaContainer) {
  await healVoucherDebits(container)
}

export const config = {
  name: "loyalty-points-heal-voucher-debits",
  schedule: "*/5 * * * *",
}
