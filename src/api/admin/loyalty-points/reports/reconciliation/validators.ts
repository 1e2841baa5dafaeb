import { z } from "@medusajs/framework/zod"
import { limitParam, OffsetParam } from "../../../../utils/account-validators"

export const AdminListReconciliationRunsSchema = z
  .object({
    limit: limitParam(10),
    offset: OffsetParam,
  })
  .strict()

export type AdminListReconciliationRunsParams = z.infer<typeof AdminListReconciliationRunsSchema>
