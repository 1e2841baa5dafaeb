import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129142644 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "loyalty_points_expiry_reminder" ("id" text not null, "account_id" text not null, "lot_id" text not null, "expires_at" timestamptz not null, "points" integer not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_points_expiry_reminder_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_expiry_reminder_deleted_at" ON "loyalty_points_expiry_reminder" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_points_expiry_reminder_lot_date" ON "loyalty_points_expiry_reminder" ("lot_id", "expires_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_expiry_reminder_account_id" ON "loyalty_points_expiry_reminder" ("account_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "loyalty_points_reconciliation_run" ("id" text not null, "started_at" timestamptz not null, "finished_at" timestamptz not null, "accounts_checked" integer not null, "variance_count" integer not null, "variances" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_points_reconciliation_run_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_reconciliation_run_deleted_at" ON "loyalty_points_reconciliation_run" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_reconciliation_run_started_at" ON "loyalty_points_reconciliation_run" ("started_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "loyalty_points_account" add column if not exists "tier_below_since" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "loyalty_points_expiry_reminder" cascade;`);

    this.addSql(`drop table if exists "loyalty_points_reconciliation_run" cascade;`);

    this.addSql(`alter table if exists "loyalty_points_account" drop column if exists "tier_below_since";`);
  }

}
