import { z } from "@medusajs/framework/zod"
import { isIsoDate } from "../../../../utils/iso-date"
import { EARNING_RULE_ACTIONS, EARNING_RULE_TARGET_TYPES } from "../../../../types/tiers-and-rules"

/** An ISO 8601 date or date-time, as a Date; `null` clears it. */
const dateField = (field: string) =>
  z
    .string()
    .refine(isIsoDate, {
      message: `Field '${field}' must be an ISO 8601 date, e.g. 2025-06-01T00:00:00Z`,
    })
    .transform((value) => new Date(value))
    .nullable()

const ruleFields = {
  name: z.string().trim().min(1).max(255),
  action: z.enum(EARNING_RULE_ACTIONS),
  /** > 0 and at most 100; required for `multiplier` rules, absent or null for `exclude`. */
  multiplier: z.number().gt(0).max(100).nullable(),
  target_type: z.enum(EARNING_RULE_TARGET_TYPES),
  /** Ids of products, collections, categories or product types; duplicates are dropped. */
  target_ids: z
    .array(z.string().trim().min(1).max(255))
    .min(1)
    .max(1000)
    .transform((ids) => [...new Set(ids)]),
  starts_at: dateField("starts_at"),
  ends_at: dateField("ends_at"),
  is_active: z.boolean(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
}

type RuleBody = {
  action?: string
  multiplier?: number | null
  starts_at?: Date | null
  ends_at?: Date | null
}

/** The checks one body can answer alone; the update workflow repeats them on the stored rule. */
function checkRuleBody(body: RuleBody, ctx: z.RefinementCtx, isCreate: boolean) {
  if (body.action === "multiplier" && (body.multiplier === null || (isCreate && body.multiplier === undefined))) {
    ctx.addIssue({
      code: "custom",
      path: ["multiplier"],
      message: "Field 'multiplier' is required when action is 'multiplier'",
    })
  }
  if (body.action === "exclude" && body.multiplier !== null && body.multiplier !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["multiplier"],
      message: "Field 'multiplier' must be null or absent when action is 'exclude'",
    })
  }
  if (body.starts_at && body.ends_at && body.ends_at.getTime() <= body.starts_at.getTime()) {
    ctx.addIssue({ code: "custom", path: ["ends_at"], message: "Field 'ends_at' must be after 'starts_at'" })
  }
}

export const AdminCreateLoyaltyEarningRuleSchema = z
  .object({
    name: ruleFields.name,
    action: ruleFields.action,
    multiplier: ruleFields.multiplier.optional(),
    target_type: ruleFields.target_type,
    target_ids: ruleFields.target_ids,
    starts_at: ruleFields.starts_at.optional(),
    ends_at: ruleFields.ends_at.optional(),
    is_active: ruleFields.is_active.optional(),
    metadata: ruleFields.metadata.optional(),
  })
  .strict()
  .superRefine((body, ctx) => checkRuleBody(body, ctx, true))

export const AdminUpdateLoyaltyEarningRuleSchema = z
  .object({
    name: ruleFields.name.optional(),
    action: ruleFields.action.optional(),
    multiplier: ruleFields.multiplier.optional(),
    target_type: ruleFields.target_type.optional(),
    target_ids: ruleFields.target_ids.optional(),
    starts_at: ruleFields.starts_at.optional(),
    ends_at: ruleFields.ends_at.optional(),
    is_active: ruleFields.is_active.optional(),
    metadata: ruleFields.metadata.optional(),
  })
  .strict()
  .superRefine((body, ctx) => checkRuleBody(body, ctx, false))

const booleanString = z.enum(["true", "false"]).transform((value) => value === "true")

export const AdminGetLoyaltyEarningRulesSchema = z
  .object({
    fields: z.string().optional(),
    /** Only active (`true`) or inactive (`false`) rules. */
    is_active: booleanString.optional(),
  })
  .strict()

export const AdminGetLoyaltyEarningRuleSchema = z.object({ fields: z.string().optional() }).strict()

export type AdminCreateLoyaltyEarningRuleParams = z.infer<typeof AdminCreateLoyaltyEarningRuleSchema>
export type AdminUpdateLoyaltyEarningRuleParams = z.infer<typeof AdminUpdateLoyaltyEarningRuleSchema>
export type AdminGetLoyaltyEarningRulesParams = z.infer<typeof AdminGetLoyaltyEarningRulesSchema>
