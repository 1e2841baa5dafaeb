/**
 * Real store processes for the cluster tests and the checkout benchmark: a private
 * redis-server, a fresh database migrated and seeded with `medusa db:migrate` and the
 * demo seed, and `medusa start` processes (server, worker or shared) whose output is
 * kept to be read back (event deliveries, job runs).
 */
import { ChildProcess, spawn } from "child_process"
import fs from "fs"
import net from "net"
import os from "os"
import path from "path"
import { Client } from "pg"

export const ROOT = path.resolve(__dirname, "..", "..")
const MEDUSA_CLI = require.resolve("@medusajs/cli/cli.js", { paths: [ROOT] })
const EXIT_WITH_PARENT = path.join(ROOT, "scripts", "lib", "exit-with-parent.js")

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A port nobody listens on now (the kernel's choice), so parallel runs never collide. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** The PostgreSQL server of the tests: DB_HOST & co. (as Medusa's test runner), else DATABASE_URL's. */
export function postgresBaseUrl(): string {
  if (process.env.DB_HOST) {
    const user = encodeURIComponent(process.env.DB_USERNAME || "postgres")
    const password = process.env.DB_PASSWORD ? `:${encodeURIComponent(process.env.DB_PASSWORD)}` : ""
    return `postgres://${user}${password}@${process.env.DB_HOST}:${process.env.DB_PORT || 5432}`
  }
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL)
    url.pathname = ""
    return url.toString().replace(/\/$/, "")
  }
  return "postgres://postgres@localhost:5432"
}

export async function withAdminClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: `${postgresBaseUrl()}/postgres` })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

export async function createDatabase(name: string, template?: string) {
  await withAdminClient(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`)
  })
  return `${postgresBaseUrl()}/${name}`
}

export async function dropDatabase(name: string) {
  await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).catch(() => {})
}

export function baseEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MEDUSA_DISABLE_TELEMETRY: "true",
    MEDUSA_ADMIN_DISABLED: "true",
    NODE_ENV: "development",
    NODE_OPTIONS: "--dns-result-order=ipv4first",
  }
  // Jest's and the caller's switches must not leak into the store.
  for (const key of ["MEDUSA_CLUSTER", "REDIS_URL", "MEDUSA_WORKER_MODE", "TEST_TYPE", "JEST_WORKER_ID"]) {
    delete env[key]
  }
  return { ...env, ...extra }
}

/** Runs a medusa CLI command to its end; rejects with the tail of its output. */
export function runMedusa(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MEDUSA_CLI, ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] })
    let output = ""
    child.stdout!.on("data", (chunk) => (output += chunk))
    child.stderr!.on("data", (chunk) => (output += chunk))
    child.on("error", reject)
    child.on("exit", (code, signal) =>
      code === 0 ? resolve(output) : reject(new Error(`medusa ${args[0]} failed (${signal ?? code}):\n${output.slice(-3000)}`))
    )
  })
}

export type DemoSummary = {
  admin: { email: string; password: string }
  shopper: { email: string; password: string; customer_id: string }
  publishable_api_key: string
  regions: Record<string, string>
  sales_channel_id: string
}

/** Migrates a database and seeds the demo store into it (regions, shipping, stock, keys, admin). */
export async function migrateAndSeed(databaseUrl: string): Promise<DemoSummary> {
  const env = baseEnv({ DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" })
  await runMedusa(["db:migrate", "--execute-safe-links", "--execute-safe-search"], env)
  const summaryFile = path.join(os.tmpdir(), `loyalty-seed-${process.pid}-${Date.now()}.json`)
  await runMedusa(["exec", "./src/scripts/seed-demo.ts"], { ...env, DEMO_SUMMARY_FILE: summaryFile })
  const summary = JSON.parse(fs.readFileSync(summaryFile, "utf8"))
  fs.rmSync(summaryFile, { force: true })
  return summary
}

/** A redis-server of our own on a free port: the machine's shared one is never touched. */
export class PrivateRedis {
  child: ChildProcess | null = null
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "loyalty-redis-"))
  constructor(readonly port: number) {}

  static async start() {
    const redis = new PrivateRedis(await freePort())
    await redis.start()
    return redis
  }

  get url() {
    return `redis://127.0.0.1:${this.port}`
  }

  /** Append-only with fsync per write, so a stop and start keeps every queued event. */
  async start() {
    const args = ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes"]
    args.push("--appendfsync", "always", "--dir", this.dir, "--daemonize", "no", "--loglevel", "warning")
    this.child = spawn("redis-server", args, { stdio: "ignore" })
    const child = this.child
    for (let i = 0; i < 100; i++) {
      if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode})`)
      if (await canConnect(this.port)) return
      await sleep(100)
    }
    throw new Error("redis-server did not start")
  }

  async stop() {
    const child = this.child
    this.child = null
    if (!child || child.exitCode !== null) return
    const exited = new Promise((resolve) => child.once("exit", resolve))
    child.kill("SIGTERM")
    await exited
  }

  async destroy() {
    await this.stop()
    fs.rmSync(this.dir, { recursive: true, force: true })
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1")
    socket.once("connect", () => {
      socket.destroy()
      resolve(true)
    })
    socket.once("error", () => resolve(false))
  })
}

export type StoreMode = "server" | "worker" | "shared"

/** One `medusa start` process; its output is kept in memory and in a log file. */
export class StoreProcess {
  child!: ChildProcess
  output = ""
  constructor(
    readonly name: string,
    readonly port: number,
    readonly env: NodeJS.ProcessEnv,
    readonly logFile: string,
    readonly cwd = ROOT
  ) {}

  /** `cwd`: the app's directory (the repository, whose src/ is the plugin, by default). */
  static async start(options: {
    name: string
    mode: StoreMode
    env: NodeJS.ProcessEnv
    logDir: string
    port?: number
    cwd?: string
  }) {
    const port = options.port ?? (await freePort())
    const env = { ...options.env, MEDUSA_WORKER_MODE: options.mode }
    const store = new StoreProcess(options.name, port, env, path.join(options.logDir, `${options.name}.log`), options.cwd)
    await store.launch()
    return store
  }

  get url() {
    return `http://127.0.0.1:${this.port}`
  }

  get pid() {
    return this.child.pid!
  }

  get alive() {
    return this.child.exitCode === null && this.child.signalCode === null
  }

  async launch() {
    const log = fs.createWriteStream(this.logFile, { flags: "a" })
    this.child = spawn(process.execPath, ["--require", EXIT_WITH_PARENT, MEDUSA_CLI, "start", "--port", String(this.port)], {
      cwd: this.cwd,
      env: this.env,
      stdio: ["ignore", "pipe", "pipe"],
    })
    const keep = (chunk: Buffer) => {
      // eslint-disable-next-line no-control-regex
      this.output += chunk.toString().replace(/\u001b\[[0-9;]*m/g, "")
      log.write(chunk)
    }
    this.child.stdout!.on("data", keep)
    this.child.stderr!.on("data", keep)
    this.child.on("exit", () => log.end())
    await this.waitHealthy()
  }

  async waitHealthy(timeoutMs = 240_000) {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      if (!this.alive) {
        throw new Error(`${this.name} exited (${this.child.exitCode ?? this.child.signalCode}):\n${this.output.slice(-3000)}`)
      }
      const ok = await fetch(`${this.url}/health`)
        .then((res) => res.status === 200)
        .catch(() => false)
      if (ok) return
      await sleep(500)
    }
    throw new Error(`${this.name} did not answer /health in ${timeoutMs / 1000} s:\n${this.output.slice(-3000)}`)
  }

  /** Lines of output since `from` (an offset into `output`) that match. */
  lines(pattern: RegExp, from = 0) {
    return this.output
      .slice(from)
      .split("\n")
      .filter((line) => pattern.test(line))
  }

  async waitForLine(pattern: RegExp, from = 0, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      const found = this.lines(pattern, from)
      if (found.length) return found[0]
      if (!this.alive) throw new Error(`${this.name} exited while waiting for ${pattern}`)
      await sleep(200)
    }
    throw new Error(`${this.name}: no line matching ${pattern} in ${timeoutMs / 1000} s`)
  }

  /** Kills by pid, at once: what a crash or an OOM kill does. */
  async kill(signal: NodeJS.Signals = "SIGKILL") {
    if (!this.alive) return
    const exited = new Promise((resolve) => this.child.once("exit", resolve))
    process.kill(this.pid, signal)
    await exited
  }

  async stop() {
    if (!this.alive) return
    const exited = new Promise((resolve) => this.child.once("exit", resolve))
    this.child.kill("SIGTERM")
    const force = setTimeout(() => this.alive && this.child.kill("SIGKILL"), 15_000)
    await exited
    clearTimeout(force)
  }
}
