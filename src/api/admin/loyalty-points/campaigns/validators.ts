import { z } from "@medusajs/framework/zod"
import { isIsoDate } from "../../../../utils/iso-date"

const dateField = (field: string) =>
  z
    .string()
    .refine(isIsoDate, { message: `Field '${field}' must be an ISO 8601 date, e.g. 2026-12-05T00:00:00Z` })
    .transform((value) => new Date(value))

/** Ids, at least one, duplicates dropped; null or absent: no limit. */
const idList = z
  .array(z.string().trim().min(1).max(255))
  .min(1)
  .max(1000)
  .transform((ids) => [...new Set(ids)])
  .nullable()

const campaignFields = {
  name: z.string().trim().min(1).max(255),
  /** Scales the points of orders placed while it runs: double points is 2. At least 1, at most 100. */
  multiplier: z.number().min(1).max(100),
  starts_at: dateField("starts_at"),
  ends_at: dateField("ends_at"),
  /** Only members of these tiers. */
  tier_ids: idList,
  /** Only orders of these sales channels. */
  sales_channel_ids: idList,
  /** Only lines in these earning rules' product scopes. */
  rule_ids: idList,
  is_active: z.boolean(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
}

const endsAfterStart = (body: { starts_at?: Date; ends_at?: Date }, ctx: z.RefinementCtx) => {
  // A date that failed its own check arrives here untransformed: only compare real dates.
  const { starts_at: startsAt, ends_at: endsAt } = body as { starts_at?: unknown; ends_at?: unknown }
  if (startsAt instanceof Date && endsAt instanceof Date && endsAt.getTime() <= startsAt.getTime()) {
    ctx.addIssue({ code: "custom", path: ["ends_at"], message: "Field 'ends_at' must be after 'starts_at'" })
  }
}

const campaignBody = z.object({
  name: campaignFields.name,
  multiplier: campaignFields.multiplier,
  starts_at: campaignFields.starts_at,
  ends_at: campaignFields.ends_at,
  tier_ids: campaignFields.tier_ids.optional(),
  sales_channel_ids: campaignFields.sales_channel_ids.optional(),
  rule_ids: campaignFields.rule_ids.optional(),
  is_active: campaignFields.is_active.optional(),
  metadata: campaignFields.metadata.optional(),
})

export const AdminCreateLoyaltyCampaignSchema = campaignBody.strict().superRefine(endsAfterStart)

export const AdminUpdateLoyaltyCampaignSchema = campaignBody.partial().strict().superRefine(endsAfterStart)

/** `?fields=` as elsewhere in Medusa; nothing else. */
export const AdminGetLoyaltyCampaignsSchema = z.object({ fields: z.string().optional() }).strict()
export const AdminGetLoyaltyCampaignSchema = AdminGetLoyaltyCampaignsSchema

export type AdminCreateLoyaltyCampaignParams = z.infer<typeof AdminCreateLoyaltyCampaignSchema>
export type AdminUpdateLoyaltyCampaignParams = z.infer<typeof AdminUpdateLoyaltyCampaignSchema>
export type AdminGetLoyaltyCampaignsParams = z.infer<typeof AdminGetLoyaltyCampaignsSchema>
