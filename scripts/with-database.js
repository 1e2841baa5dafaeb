#!/usr/bin/env node
/**
 * `node scripts/with-database.js <command> [args...]`: runs the command with a
 * PostgreSQL server to use.
 *
 * When DATABASE_URL or DB_HOST (with DB_PORT, DB_USERNAME, DB_PASSWORD) is set, the
 * command gets the environment unchanged and uses that server. Otherwise an embedded
 * PostgreSQL (see lib/database.js) is started under `.test-data/bench-pg`, the child
 * runs durable (fsync and synchronous_commit on, as a store runs it; EMBEDDED_PG_FSYNC=off
 * turns fsync off for a quick look), the child
 * receives its connection as both DATABASE_URL (the `postgres` maintenance database)
 * and DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD, and the server is stopped (its data
 * deleted) when the command ends, also on Ctrl-C.
 *
 * The child's NODE_OPTIONS gain `--experimental-vm-modules` (Medusa's module loader
 * uses a dynamic import) and `--dns-result-order=ipv4first` (so `localhost` reaches
 * a server listening on 127.0.0.1 only). The child's exit code is this script's.
 */
const { spawn } = require("child_process")
const path = require("path")
const { startEmbeddedPostgres, isDatabaseConfigured } = require("./lib/database")

const root = path.resolve(__dirname, "..")

async function main() {
  const [command, ...args] = process.argv.slice(2)
  if (!command) {
    console.error("usage: node scripts/with-database.js <command> [args...]")
    process.exit(2)
  }

  const env = {
    ...process.env,
    MEDUSA_DISABLE_TELEMETRY: "true",
    NODE_OPTIONS: withNodeOptions(process.env.NODE_OPTIONS, [
      "--experimental-vm-modules",
      "--dns-result-order=ipv4first",
    ]),
  }

  let database
  if (isDatabaseConfigured()) {
    console.log(`Using the configured PostgreSQL (${process.env.DATABASE_URL ? "DATABASE_URL" : "DB_HOST"})`)
  } else {
    database = await startEmbeddedPostgres({
      dataDir: path.join(root, ".test-data", "bench-pg"),
      preferredPort: 54340,
      persistent: false,
      // Own process group: Ctrl-C reaches the command (and this script), not the
      // server, which is stopped only after the command has exited.
      detached: true,
      durable: process.env.EMBEDDED_PG_FSYNC !== "off",
    })
    const auth = `${encodeURIComponent(database.user)}:${encodeURIComponent(database.password)}`
    Object.assign(env, {
      DATABASE_URL: `postgres://${auth}@${database.host}:${database.port}/postgres`,
      DB_HOST: database.host,
      DB_PORT: String(database.port),
      DB_USERNAME: database.user,
      DB_PASSWORD: database.password,
      EMBEDDED_POSTGRES: "true",
    })
    console.log(
      `Embedded PostgreSQL on ${database.host}:${database.port}, ${process.env.EMBEDDED_PG_FSYNC === "off" ? "fsync off (not durable)" : "durable (fsync on)"} (stopped and deleted afterwards)`
    )
  }

  let stopping = false
  const stopDatabase = async () => {
    if (database && !stopping) {
      stopping = true
      await database.stop().catch(() => {})
    }
  }

  const child = spawn(command, args, {
    cwd: process.cwd(),
    env,
    stdio: "inherit",
    // npm puts node_modules/.bin on PATH; Windows needs a shell to run its .cmd shims.
    shell: process.platform === "win32",
  })

  // The terminal sends Ctrl-C to the command as well; a signal sent to this script
  // alone is passed on. Either way the server is stopped once the command has exited.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal)
      }
    })
  }

  const code = await new Promise((resolve) => {
    child.on("error", (error) => {
      console.error(`Could not run ${command}: ${error.message}`)
      resolve(127)
    })
    child.on("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 128 + signalNumber(signal) : 1)))
  })
  await stopDatabase()
  process.exit(code)
}

function withNodeOptions(current, flags) {
  const present = (current ?? "").split(/\s+/).filter(Boolean)
  for (const flag of flags) {
    const name = flag.split("=")[0]
    if (!present.some((option) => option.split("=")[0] === name)) {
      present.push(flag)
    }
  }
  return present.join(" ")
}

function signalNumber(signal) {
  return require("os").constants.signals[signal] ?? 1
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
