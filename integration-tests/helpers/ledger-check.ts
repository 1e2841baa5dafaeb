/**
 * The loyalty points module booted on its own against a store's database (as
 * moduleIntegrationTestRunner does), to read the ledger and run its reconcile check
 * beside store processes started elsewhere.
 */
import path from "path"
import { ContainerRegistrationKeys, Modules, ModulesSdkUtils, isSharedConnectionSymbol } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { initModules, MockEventBusService } from "@medusajs/test-utils"
import type { ILoyaltyPointsModuleService } from "../../src/types"
import { LOYALTY_POINTS_MODULE } from "../../src/types/module"

const ROOT = path.resolve(__dirname, "..", "..")

export type LedgerCheck = {
  service: ILoyaltyPointsModuleService
  /** Rows of a query on the store's database, of the shape the caller names. */
  sql: <T = Record<string, unknown>>(text: string, bindings?: readonly Knex.RawBinding[]) => Promise<T[]>
  close: () => Promise<void>
}

export async function openLedger(databaseUrl: string): Promise<LedgerCheck> {
  const dbConfig = { clientUrl: databaseUrl, schema: "public" }
  const connection = ModulesSdkUtils.createPgConnection(dbConfig)
  const quiet = { info() {}, warn() {}, debug() {}, log() {}, error: console.error, panic: console.error }
  const modulesConfig = {
    [LOYALTY_POINTS_MODULE]: {
      resolve: path.join(ROOT, "src/modules/loyalty-points"),
      options: { database: dbConfig, [isSharedConnectionSymbol]: true },
    },
  }
  const { medusaApp, shutdown } = await initModules({
    injectedDependencies: {
      [ContainerRegistrationKeys.PG_CONNECTION]: connection,
      [Modules.EVENT_BUS]: new MockEventBusService(),
      [ContainerRegistrationKeys.LOGGER]: quiet,
      [ContainerRegistrationKeys.CONFIG_MODULE]: { modules: modulesConfig },
    },
    modulesConfig,
    databaseConfig: dbConfig,
    preventConnectionDestroyWarning: true,
    cwd: ROOT,
  })
  return {
    service: medusaApp.modules[LOYALTY_POINTS_MODULE] as ILoyaltyPointsModuleService,
    sql: async (text, bindings = []) => (await connection.raw(text, bindings)).rows,
    close: async () => {
      await shutdown()
      await connection.destroy()
    },
  }
}
