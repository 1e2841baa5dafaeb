#!/usr/bin/env node
/**
 * `npm test`: unit tests, module integration tests and HTTP integration tests, each
 * suite in its own Jest process. Uses the PostgreSQL named by DB_HOST (and DB_PORT,
 * DB_USERNAME, DB_PASSWORD) when set, and otherwise an embedded PostgreSQL, so the
 * suite passes on a machine where nothing listens on port 5432.
 */
const { spawnSync } = require("child_process")
const path = require("path")
const { startEmbeddedPostgres } = require("./lib/database")

const root = path.resolve(__dirname, "..")
const suites = ["unit", "integration:modules", "integration:http"]

async function main() {
  const extraArgs = process.argv.slice(2)
  const env = {
    ...process.env,
    MEDUSA_DISABLE_TELEMETRY: "true",
    NODE_OPTIONS: [process.env.NODE_OPTIONS, "--dns-result-order=ipv4first", "--experimental-vm-modules"]
      .filter(Boolean)
      .join(" "),
  }
  let database
  if (!process.env.DB_HOST) {
    if (process.env.DATABASE_URL) {
      console.log("DATABASE_URL is ignored by the tests; set DB_HOST to use a server.")
    }
    database = await startEmbeddedPostgres({
      dataDir: path.join(root, ".test-data", "pg"),
      preferredPort: 54330,
      persistent: false,
    })
    Object.assign(env, {
      DB_HOST: database.host,
      DB_PORT: String(database.port),
      DB_USERNAME: database.user,
      DB_PASSWORD: database.password,
    })
    console.log(`Embedded PostgreSQL on localhost:${database.port} for the tests`)
  }

  const only = process.env.TEST_TYPE ? [process.env.TEST_TYPE] : suites
  let failed = 0
  try {
    for (const suite of only) {
      console.log(`\n=== ${suite} ===`)
      const result = spawnSync(
        process.execPath,
        [require.resolve("jest/bin/jest"), "--runInBand", "--forceExit", ...extraArgs],
        { cwd: root, stdio: "inherit", env: { ...env, TEST_TYPE: suite } }
      )
      if (result.status !== 0) {
        failed++
        console.error(`${suite}: failed (exit ${result.status ?? result.signal})`)
      }
      if (result.pid) {
        await dropSuiteDatabases(env, result.pid)
      }
    }
  } finally {
    if (database) {
      await database.stop().catch(() => {})
    }
  }
  process.exit(failed ? 1 : 0)
}

/**
 * The module suites name their databases after the Jest process (`...-<pid>`, so that
 * two checkouts can run on one server) and Medusa's module runner leaves them behind:
 * dropped here once the suite is over, so a server used for many runs does not fill up.
 */
async function dropSuiteDatabases(env, pid) {
  const { Client } = require("pg")
  const client = new Client({
    host: env.DB_HOST,
    port: Number(env.DB_PORT || 5432),
    user: env.DB_USERNAME || "postgres",
    password: env.DB_PASSWORD || undefined,
    database: "postgres",
  })
  try {
    await client.connect()
    const { rows } = await client.query(
      "SELECT datname FROM pg_database WHERE datname LIKE 'medusa-loyalty-points-%' AND datname LIKE $1",
      [`%-${pid}`]
    )
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname.replace(/"/g, '""')}"`)
    }
  } catch (error) {
    console.warn(`Could not drop the databases of the run ${pid}: ${error.message}`)
  } finally {
    await client.end().catch(() => {})
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
