/** A dated campaign as stored (`/admin/loyalty-points/campaigns`). */
export type LoyaltyCampaignDTO = {
  id: string
  program_id: string
  name: string
  /** Scales what an order placed during the campaign earns: double points is 2. */
  multiplier: number
  starts_at: Date | string
  ends_at: Date | string
  /** Only members of these tiers; null: everyone. */
  tier_ids: string[] | null
  /** Only orders of these sales channels; null: every channel. */
  sales_channel_ids: string[] | null
  /** Only lines in these earning rules' product scopes; null: every line. */
  rule_ids: string[] | null
  is_active: boolean
  metadata: Record<string, unknown> | null
  created_at: Date | string
  updated_at: Date | string
}

export type CreateLoyaltyCampaignInput = {
  name: string
  multiplier: number
  starts_at: Date | string
  ends_at: Date | string
  tier_ids?: string[] | null
  sales_channel_ids?: string[] | null
  rule_ids?: string[] | null
  is_active?: boolean
  metadata?: Record<string, unknown> | null
}

export type UpdateLoyaltyCampaignInput = Partial<CreateLoyaltyCampaignInput>

export type AdminLoyaltyCampaignListResponse = { campaigns: LoyaltyCampaignDTO[] }
export type AdminLoyaltyCampaignResponse = { campaign: LoyaltyCampaignDTO }
export type AdminLoyaltyCampaignDeleteResponse = { id: string; object: "loyalty_campaign"; deleted: true }
