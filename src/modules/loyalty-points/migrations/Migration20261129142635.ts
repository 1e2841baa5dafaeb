import { Migration } from "@medusajs/framework/mikro-orm/migrations";
import { rebuildRunningTotalsSql } from "../ledger/running-totals";

export class Migration20261129142635 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "loyalty_points_account" add column if not exists "entry_count" integer not null default 0, add column if not exists "tier_points_total" integer not null default 0, add column if not exists "tier_amounts_total" jsonb null;`);

    this.addSql(`alter table if exists "loyalty_points_entry" add column if not exists "tier_points_total" integer null, add column if not exists "tier_amount_total" numeric null, add column if not exists "raw_tier_amount_total" jsonb null;`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_lot_account_open" ON "loyalty_points_lot" ("account_id", "expires_at", "created_at", "id") WHERE remaining > 0 AND deleted_at IS NULL;`);

    // The running totals of the history already written (see ledger/running-totals.ts).
    for (const sql of rebuildRunningTotalsSql()) {
      this.addSql(sql);
    }
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "loyalty_points_account" drop column if exists "entry_count", drop column if exists "tier_points_total", drop column if exists "tier_amounts_total";`);

    this.addSql(`alter table if exists "loyalty_points_entry" drop column if exists "tier_points_total", drop column if exists "tier_amount_total", drop column if exists "raw_tier_amount_total";`);

    this.addSql(`drop index if exists "IDX_loyalty_points_lot_account_open";`);
  }

}
