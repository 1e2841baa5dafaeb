import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

/**
 * MEDUSA_CLUSTER=true runs the store as a cluster member: Medusa's production modules
 * on Redis instead of the in-process defaults, so that server processes (HTTP) and
 * worker processes (events, scheduled jobs) share one event bus, one workflow engine,
 * one lock manager and one cache. Each process says what it is with
 * MEDUSA_WORKER_MODE=server | worker | shared. Without the switch nothing needs Redis.
 */
const cluster = process.env.MEDUSA_CLUSTER === "true"
const redisUrl = process.env.REDIS_URL
if (cluster && !redisUrl) {
  throw new Error("MEDUSA_CLUSTER=true needs REDIS_URL (e.g. redis://127.0.0.1:6379)")
}

function positiveInt(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback)
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer (got ${process.env[name]})`)
  }
  return value
}

function clusterModules() {
  return [
    {
      // At-least-once delivery: a subscriber that throws is retried (only the failed
      // subscribers of the event), with backoff; a job taken by a worker that dies is
      // handed to another once its lock lapses. Every handler of the plugin is idempotent.
      resolve: "@medusajs/medusa/event-bus-redis",
      options: {
        redisUrl,
        jobOptions: {
          attempts: positiveInt("MEDUSA_EVENT_ATTEMPTS", 5),
          backoff: { type: "exponential", delay: positiveInt("MEDUSA_EVENT_BACKOFF_MS", 2000) },
          removeOnComplete: { age: 3600, count: 10000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
        workerOptions: {
          concurrency: positiveInt("MEDUSA_EVENT_CONCURRENCY", 4),
          // How long a dead worker keeps an event before another worker takes it.
          lockDuration: positiveInt("MEDUSA_EVENT_LOCK_MS", 30000),
          stalledInterval: positiveInt("MEDUSA_EVENT_STALLED_CHECK_MS", 30000),
        },
      },
    },
    {
      // Workflow executions and scheduled jobs in Redis: a job fires once per tick
      // across every worker process, not once per process.
      resolve: "@medusajs/medusa/workflow-engine-redis",
      options: { redis: { redisUrl } },
    },
    {
      // Cart and account locks taken through the Locking Module hold across processes.
      resolve: "@medusajs/medusa/locking",
      options: {
        providers: [
          { resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl } },
        ],
      },
    },
    {
      resolve: "@medusajs/medusa/cache-redis",
      options: { redisUrl, ttl: 30 },
    },
  ]
}

/**
 * The repository is itself a runnable Medusa store (the demo, and the app the
 * integration tests boot). The plugin's module is listed here because a plugin's
 * modules are not discovered from `src/` when the repository is the app; its API
 * routes, subscribers, workflows, links, jobs and admin extensions load from `src/`.
 */
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    // Admin sessions in Redis, so that any server process behind the load balancer knows them.
    ...(cluster ? { redisUrl } : {}),
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000,http://localhost:5173",
      authCors: process.env.AUTH_CORS || "http://localhost:8000,http://localhost:9000,http://localhost:5173",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  admin: {
    disable: process.env.MEDUSA_ADMIN_DISABLED === "true",
  },
  // The coexistence test (integration-tests/http/coexistence.spec.ts) runs the store with
  // Medusa's own gift cards and store credit beside this plugin.
  plugins: process.env.LOYALTY_POINTS_WITH_MEDUSA_LOYALTY === "true" ? [{ resolve: "@medusajs/loyalty-plugin", options: {} }] : [],
  modules: [
    ...(cluster ? clusterModules() : []),
    {
      resolve: "./src/modules/loyalty-points",
      options: {
        program: {
          earn_rates: { usd: 1, eur: 1 },
          redemption_values: { usd: 0.01, eur: 0.01 },
          default_currency_code: "usd",
        },
        // The cluster test runs the nightly job at the hour it runs in.
        ...(process.env.LOYALTY_POINTS_NIGHTLY_HOUR ? { nightly: { hour: Number(process.env.LOYALTY_POINTS_NIGHTLY_HOUR) } } : {}),
        // The nightly test turns notifications on, with one event on its own channel and template.
        ...(process.env.LOYALTY_POINTS_NOTIFICATIONS === "true"
          ? {
              notifications: {
                enabled: true,
                events: { "loyalty_points.tier_changed": { channel: "feed", template: "loyalty-tier-news" } },
              },
            }
          : {}),
        // The OTP test turns one-time codes on through the environment.
        ...(process.env.LOYALTY_POINTS_OTP_THRESHOLD
          ? { otp: { enabled: true, threshold_points: Number(process.env.LOYALTY_POINTS_OTP_THRESHOLD), channel: "email" } }
          : {}),
      },
    },
    {
      // The local provider logs notifications (one-time codes, reminders) instead of sending them.
      resolve: "@medusajs/medusa/notification",
      options: {
        providers: [
          {
            resolve: "@medusajs/medusa/notification-local",
            id: "local",
            options: { name: "Local Notification Provider", channels: ["feed", "email"] },
          },
        ],
      },
    },
  ],
})
