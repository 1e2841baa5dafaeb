import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129144120 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "loyalty_points_import" drop constraint if exists "loyalty_points_import_idempotency_key_unique";`);
    this.addSql(`create table if not exists "loyalty_points_import" ("id" text not null, "program_id" text not null, "status" text check ("status" in ('pending', 'pending_approval', 'applied', 'rejected')) not null, "row_count" integer not null, "total_points" numeric not null, "rows" jsonb not null, "note" text null, "created_by" text null, "reviewed_by" text null, "reviewed_at" timestamptz null, "applied_at" timestamptz null, "idempotency_key" text null, "metadata" jsonb null, "raw_total_points" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_points_import_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_import_deleted_at" ON "loyalty_points_import" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_points_import_idempotency_key_unique" ON "loyalty_points_import" ("idempotency_key") WHERE idempotency_key IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_import_status_created_at" ON "loyalty_points_import" ("status", "created_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "loyalty_points_import" cascade;`);
  }

}
