import { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"

/**
 * 404 unless the customer exists, before anything is read or created for them.
 *
 * @example
 * await assertCustomerExists(req.scope, req.params.id)
 */
export async function assertCustomerExists(container: MedusaContainer, customerId: string): Promise<void> {
  const customerModule = container.resolve(Modules.CUSTOMER)
  const [customer] = await customerModule.listCustomers({ id: customerId }, { select: ["id"], take: 1 })
  if (!customer) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer with id: ${customerId} was not found`)
  }
}
