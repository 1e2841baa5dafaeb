import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

/**
 * The repository is itself a runnable Medusa store (the demo, and the app the
 * integration tests boot). The plugin's module is listed here because a plugin's
 * modules are not discovered from `src/` when the repository is the app; its API
 * routes, subscribers, workflows, links, jobs and admin extensions load from `src/`.
 */
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
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
  modules: [
    {
      resolve: "./src/modules/loyalty-points",
      options: {
        program: {
          earn_rates: { usd: 1, eur: 1 },
          redemption_values: { usd: 0.01, eur: 0.01 },
          default_currency_code: "usd",
        },
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
