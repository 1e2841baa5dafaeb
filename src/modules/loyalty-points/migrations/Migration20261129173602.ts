import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129173602 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "loyalty_points_lot" drop constraint if exists "loyalty_points_lot_account_id_foreign";`);

    this.addSql(`drop index if exists "IDX_loyalty_points_lot_account_id";`);
    this.addSql(`drop index if exists "IDX_loyalty_points_lot_account_expiry";`);
    this.addSql(`drop index if exists "IDX_loyalty_points_lot_expiry";`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_lot_account_negative" ON "loyalty_points_lot" ("account_id") WHERE remaining < 0 AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_lot_open_expiry" ON "loyalty_points_lot" ("expires_at") WHERE expires_at IS NOT NULL AND remaining > 0 AND deleted_at IS NULL;`);

    this.addSql(`drop index if exists "IDX_loyalty_points_lot_consumption_lot_id";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_loyalty_points_lot_account_negative";`);
    this.addSql(`drop index if exists "IDX_loyalty_points_lot_open_expiry";`);

    this.addSql(`alter table if exists "loyalty_points_lot" add constraint "loyalty_points_lot_account_id_foreign" foreign key ("account_id") references "loyalty_points_account" ("id") on update cascade;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_lot_account_id" ON "loyalty_points_lot" ("account_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_lot_account_expiry" ON "loyalty_points_lot" ("account_id", "expires_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_lot_expiry" ON "loyalty_points_lot" ("expires_at") WHERE deleted_at IS NULL;`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_lot_consumption_lot_id" ON "loyalty_points_lot_consumption" ("lot_id") WHERE deleted_at IS NULL;`);
  }

}
