import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129143318 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "loyalty_points_account" drop constraint if exists "loyalty_points_account_referral_code_unique";`);
    this.addSql(`alter table if exists "loyalty_points_account" add column if not exists "birthday" text null, add column if not exists "referrer_account_id" text null, add column if not exists "referred_at" timestamptz null;`);
    // Every account has a referral code: existing accounts get one before the index makes them unique.
    this.addSql(`update "loyalty_points_account" set "referral_code" = upper(substr(replace(cast(gen_random_uuid() as text), '-', ''), 1, 10)) where "referral_code" is null;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_points_account_referral_code_unique" ON "loyalty_points_account" ("referral_code") WHERE referral_code IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_account_referrer_account_id" ON "loyalty_points_account" ("referrer_account_id") WHERE referrer_account_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_account_program_id_birthday" ON "loyalty_points_account" ("program_id", "birthday") WHERE birthday IS NOT NULL AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_loyalty_points_account_referral_code_unique";`);
    this.addSql(`drop index if exists "IDX_loyalty_points_account_referrer_account_id";`);
    this.addSql(`drop index if exists "IDX_loyalty_points_account_program_id_birthday";`);
    this.addSql(`alter table if exists "loyalty_points_account" drop column if exists "birthday", drop column if exists "referrer_account_id", drop column if exists "referred_at";`);
  }

}
