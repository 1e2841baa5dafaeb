#!/usr/bin/env node
/**
 * `npm run test:cluster`: the plugin in a Redis-backed Medusa cluster
 * (integration-tests/cluster/): real `medusa start` server and worker processes on a
 * fresh database, a redis-server of the test's own on a free port (the machine's shared
 * Redis is never written to, let alone flushed or stopped).
 *
 * Runs where REDIS_URL is set (as on the project's machines and in CI) and `redis-server`
 * is on the PATH; otherwise it prints why it skips and exits 0. PostgreSQL: DB_HOST & co.
 * when set, else an embedded server, as `npm test` does.
 */
const { spawnSync } = require("child_process")
const path = require("path")
const { startEmbeddedPostgres } = require("./lib/database")

const root = path.resolve(__dirname, "..")

function skip(reason) {
  console.log(`test:cluster skipped: ${reason}`)
  process.exit(0)
}

async function main() {
  if (!process.env.REDIS_URL) {
    skip("REDIS_URL is not set (set it, e.g. REDIS_URL=redis://127.0.0.1:6379, where Redis is installed)")
  }
  if (spawnSync("redis-server", ["--version"]).status !== 0) {
    skip("redis-server is not on the PATH (the suite starts, stops and restarts a redis-server of its own)")
  }
  const env = {
    ...process.env,
    MEDUSA_DISABLE_TELEMETRY: "true",
    TEST_TYPE: "integration:cluster",
    NODE_OPTIONS: [process.env.NODE_OPTIONS, "--dns-result-order=ipv4first", "--experimental-vm-modules"].filter(Boolean).join(" "),
  }
  let database
  if (!process.env.DB_HOST) {
    database = await startEmbeddedPostgres({
      dataDir: path.join(root, ".test-data", "cluster-pg"),
      preferredPort: 54331,
      persistent: false,
    })
    Object.assign(env, {
      DB_HOST: database.host,
      DB_PORT: String(database.port),
      DB_USERNAME: database.user,
      DB_PASSWORD: database.password,
    })
  }
  const started = Date.now()
  const result = spawnSync(
    process.execPath,
    [require.resolve("jest/bin/jest"), "--runInBand", "--forceExit", ...process.argv.slice(2)],
    { cwd: root, stdio: "inherit", env }
  )
  console.log(`test:cluster finished in ${Math.round((Date.now() - started) / 1000)} s`)
  if (database) await database.stop().catch(() => {})
  process.exit(result.status ?? 1)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
