import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261124093914 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "loyalty_points_program" drop constraint if exists "loyalty_points_program_handle_unique";`);
    this.addSql(`alter table if exists "loyalty_points_hold" drop constraint if exists "loyalty_points_hold_cart_id_unique";`);
    this.addSql(`alter table if exists "loyalty_points_hold" drop constraint if exists "loyalty_points_hold_idempotency_key_unique";`);
    this.addSql(`alter table if exists "loyalty_points_entry" drop constraint if exists "loyalty_points_entry_idempotency_key_unique";`);
    this.addSql(`alter table if exists "loyalty_points_account" drop constraint if exists "loyalty_points_account_program_id_customer_id_unique";`);
    this.addSql(`create table if not exists "loyalty_points_account" ("id" text not null, "program_id" text not null, "customer_id" text not null, "balance" integer not null default 0, "pending" integer not null default 0, "held" integer not null default 0, "lifetime_earned" integer not null default 0, "lifetime_redeemed" integer not null default 0, "tier_id" text null, "referral_code" text null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_points_account_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_account_deleted_at" ON "loyalty_points_account" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_points_account_program_id_customer_id_unique" ON "loyalty_points_account" ("program_id", "customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_account_customer_id" ON "loyalty_points_account" ("customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_account_program_id_balance" ON "loyalty_points_account" ("program_id", "balance") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "loyalty_points_entry" ("id" text not null, "program_id" text not null, "type" text check ("type" in ('earn_pending', 'earn', 'earn_void', 'redeem', 'redeem_reversal', 'clawback', 'expire', 'adjust', 'bonus', 'import')) not null, "points" integer not null, "balance_change" integer not null default 0, "pending_change" integer not null default 0, "money_amount" numeric null, "currency_code" text null, "actor_type" text check ("actor_type" in ('customer', 'user', 'system')) not null default 'system', "actor_id" text null, "reason" text null, "note" text null, "reference_type" text null, "reference_id" text null, "order_id" text null, "reversal_of_id" text null, "idempotency_key" text not null, "metadata" jsonb null, "account_id" text not null, "raw_money_amount" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_points_entry_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_entry_account_id" ON "loyalty_points_entry" ("account_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_entry_deleted_at" ON "loyalty_points_entry" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_points_entry_idempotency_key_unique" ON "loyalty_points_entry" ("idempotency_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_entry_account_id_created_at" ON "loyalty_points_entry" ("account_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_entry_order_id" ON "loyalty_points_entry" ("order_id") WHERE order_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_entry_reference_type_reference_id" ON "loyalty_points_entry" ("reference_type", "reference_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_entry_reversal_of_id" ON "loyalty_points_entry" ("reversal_of_id") WHERE reversal_of_id IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "loyalty_points_hold" ("id" text not null, "cart_id" text not null, "points" integer not null, "status" text check ("status" in ('active', 'released', 'converted', 'expired')) not null default 'active', "expires_at" timestamptz null, "entry_id" text null, "idempotency_key" text not null, "metadata" jsonb null, "account_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_points_hold_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_hold_account_id" ON "loyalty_points_hold" ("account_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_hold_deleted_at" ON "loyalty_points_hold" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_points_hold_idempotency_key_unique" ON "loyalty_points_hold" ("idempotency_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_points_hold_cart_id_unique" ON "loyalty_points_hold" ("cart_id") WHERE status = 'active' AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_hold_status_expires_at" ON "loyalty_points_hold" ("status", "expires_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "loyalty_points_lot" ("id" text not null, "entry_id" text not null, "points" integer not null, "remaining" integer not null, "expired_points" integer not null default 0, "expires_at" timestamptz null, "origin_lot_id" text null, "account_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_points_lot_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_lot_account_id" ON "loyalty_points_lot" ("account_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_lot_deleted_at" ON "loyalty_points_lot" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_lot_account_id_expires_at" ON "loyalty_points_lot" ("account_id", "expires_at") WHERE remaining > 0 AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_lot_expires_at" ON "loyalty_points_lot" ("expires_at") WHERE remaining > 0 AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "loyalty_points_lot_consumption" ("id" text not null, "account_id" text not null, "entry_id" text not null, "lot_id" text not null, "points" integer not null, "reversed_points" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_points_lot_consumption_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_lot_consumption_deleted_at" ON "loyalty_points_lot_consumption" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_lot_consumption_entry_id" ON "loyalty_points_lot_consumption" ("entry_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_lot_consumption_lot_id" ON "loyalty_points_lot_consumption" ("lot_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "loyalty_points_program" ("id" text not null, "handle" text not null, "name" text not null, "is_active" boolean not null default true, "settings" jsonb null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_points_program_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_program_deleted_at" ON "loyalty_points_program" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_points_program_handle_unique" ON "loyalty_points_program" ("handle") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "loyalty_points_entry" add constraint "loyalty_points_entry_account_id_foreign" foreign key ("account_id") references "loyalty_points_account" ("id") on update cascade;`);

    this.addSql(`alter table if exists "loyalty_points_hold" add constraint "loyalty_points_hold_account_id_foreign" foreign key ("account_id") references "loyalty_points_account" ("id") on update cascade;`);

    this.addSql(`alter table if exists "loyalty_points_lot" add constraint "loyalty_points_lot_account_id_foreign" foreign key ("account_id") references "loyalty_points_account" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "loyalty_points_entry" drop constraint if exists "loyalty_points_entry_account_id_foreign";`);

    this.addSql(`alter table if exists "loyalty_points_hold" drop constraint if exists "loyalty_points_hold_account_id_foreign";`);

    this.addSql(`alter table if exists "loyalty_points_lot" drop constraint if exists "loyalty_points_lot_account_id_foreign";`);

    this.addSql(`drop table if exists "loyalty_points_account" cascade;`);

    this.addSql(`drop table if exists "loyalty_points_entry" cascade;`);

    this.addSql(`drop table if exists "loyalty_points_hold" cascade;`);

    this.addSql(`drop table if exists "loyalty_points_lot" cascade;`);

    this.addSql(`drop table if exists "loyalty_points_lot_consumption" cascade;`);

    this.addSql(`drop table if exists "loyalty_points_program" cascade;`);
  }

}
