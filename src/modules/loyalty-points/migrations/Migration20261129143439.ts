import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129143439 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "loyalty_points_campaign" ("id" text not null, "program_id" text not null, "name" text not null, "multiplier" real not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "tier_ids" jsonb null, "sales_channel_ids" jsonb null, "rule_ids" jsonb null, "is_active" boolean not null default true, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_points_campaign_pkey" primary key ("id"), constraint loyalty_points_campaign_multiplier_check check (multiplier >= 1 AND multiplier <= 100), constraint loyalty_points_campaign_dates_check check (ends_at > starts_at));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_campaign_deleted_at" ON "loyalty_points_campaign" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_campaign_program_id_starts_at_ends_at" ON "loyalty_points_campaign" ("program_id", "starts_at", "ends_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "loyalty_points_campaign" cascade;`);
  }

}
