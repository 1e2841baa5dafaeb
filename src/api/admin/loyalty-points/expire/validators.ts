import { z } from "@medusajs/framework/zod"

/** `POST /admin/loyalty-points/expire`: a real run may not look ahead; a dry run may. */
export const AdminRunExpirySchema = z
  .object({
    /** Expire lots whose date is at or before this moment (ISO 8601); default now. */
    as_of: z.iso.datetime({ offset: true }).optional(),
    /** Only answer what would expire; change nothing. */
    dry_run: z.boolean().default(false),
  })
  .strict()
  .refine((body) => body.dry_run || !body.as_of || new Date(body.as_of).getTime() <= Date.now(), {
    message: "as_of may lie in the future only for a dry run",
    path: ["as_of"],
  })

export type AdminRunExpiry = z.infer<typeof AdminRunExpirySchema>
