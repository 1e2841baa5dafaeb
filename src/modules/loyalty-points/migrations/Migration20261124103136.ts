import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261124103136 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "loyalty_points_otp" ("id" text not null, "account_id" text not null, "cart_id" text not null, "points" integer not null, "code_hash" text not null, "attempts" integer not null default 0, "expires_at" timestamptz not null, "consumed_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_points_otp_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_otp_deleted_at" ON "loyalty_points_otp" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_otp_account_id_cart_id_created_at" ON "loyalty_points_otp" ("account_id", "cart_id", "created_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "loyalty_points_otp" cascade;`);
  }

}
