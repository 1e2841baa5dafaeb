import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261124095521 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "loyalty_points_tier" drop constraint if exists "loyalty_points_tier_program_id_rank_unique";`);
    this.addSql(`create table if not exists "loyalty_points_earning_rule" ("id" text not null, "program_id" text not null, "name" text not null, "action" text check ("action" in ('multiplier', 'exclude')) not null, "multiplier" real null, "target_type" text check ("target_type" in ('product', 'collection', 'category', 'product_type')) not null, "target_ids" jsonb not null, "starts_at" timestamptz null, "ends_at" timestamptz null, "is_active" boolean not null default true, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_points_earning_rule_pkey" primary key ("id"), constraint loyalty_points_earning_rule_multiplier_check check ((action = 'exclude' AND multiplier IS NULL) OR (action = 'multiplier' AND multiplier > 0 AND multiplier <= 100)), constraint loyalty_points_earning_rule_dates_check check (starts_at IS NULL OR ends_at IS NULL OR ends_at > starts_at));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_earning_rule_deleted_at" ON "loyalty_points_earning_rule" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_earning_rule_program_id_is_active" ON "loyalty_points_earning_rule" ("program_id", "is_active") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "loyalty_points_tier" ("id" text not null, "program_id" text not null, "name" text not null, "rank" integer not null, "threshold" integer not null, "threshold_type" text check ("threshold_type" in ('points', 'spend')) not null default 'points', "window_months" integer not null default 12, "earn_multiplier" real not null default 1, "description" text null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_points_tier_pkey" primary key ("id"), constraint loyalty_points_tier_rank_check check (rank >= 0), constraint loyalty_points_tier_threshold_check check (threshold >= 0), constraint loyalty_points_tier_window_months_check check (window_months BETWEEN 1 AND 120), constraint loyalty_points_tier_earn_multiplier_check check (earn_multiplier >= 1 AND earn_multiplier <= 100));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_tier_deleted_at" ON "loyalty_points_tier" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_points_tier_program_id_rank_unique" ON "loyalty_points_tier" ("program_id", "rank") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "loyalty_points_earning_rule" cascade;`);

    this.addSql(`drop table if exists "loyalty_points_tier" cascade;`);
  }

}
