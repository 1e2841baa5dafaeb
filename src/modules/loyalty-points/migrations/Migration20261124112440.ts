import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261124112440 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index if exists "IDX_loyalty_points_lot_account_id_expires_at";`);
    this.addSql(`drop index if exists "IDX_loyalty_points_lot_expires_at";`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_lot_account_expiry" ON "loyalty_points_lot" ("account_id", "expires_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_lot_expiry" ON "loyalty_points_lot" ("expires_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_loyalty_points_lot_account_expiry";`);
    this.addSql(`drop index if exists "IDX_loyalty_points_lot_expiry";`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_lot_account_id_expires_at" ON "loyalty_points_lot" ("account_id", "expires_at") WHERE remaining > 0 AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_lot_expires_at" ON "loyalty_points_lot" ("expires_at") WHERE remaining > 0 AND deleted_at IS NULL;`);
  }

}
