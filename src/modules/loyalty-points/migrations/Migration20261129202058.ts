import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129202058 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index if exists "IDX_loyalty_points_lot_account_open";`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_lot_account_open_remaining" ON "loyalty_points_lot" ("account_id", "expires_at", "created_at", "id", "remaining") WHERE remaining > 0 AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_loyalty_points_lot_account_open_remaining";`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_points_lot_account_open" ON "loyalty_points_lot" ("account_id", "expires_at", "created_at", "id") WHERE remaining > 0 AND deleted_at IS NULL;`);
  }

}
