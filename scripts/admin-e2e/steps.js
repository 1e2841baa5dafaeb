/**
 * The browser steps of `npm run test:admin`. Each step drives the dashboard like an
 * admin would, asserts what the screen shows, and saves a screenshot; a failed step is
 * reported and the next one still runs.
 */
const path = require("path")
const assert = require("assert/strict")

const TIMEOUT = 30000

const digits = (text) => Number(String(text).replace(/[^\d-]/g, ""))

async function runSteps({ chromium, baseUrl, summary, order, shotsDir }) {
  const { chromium: launcher } = require("playwright-core")
  const browser = await launcher.launch({
    executablePath: chromium,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  })
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
  const page = await context.newPage()
  page.setDefaultTimeout(TIMEOUT)
  const app = (route) => `${baseUrl}/app${route}`
  const customerId = summary.shopper.customer_id
  const state = {}
  let failures = 0
  let index = 0

  const steps = [
    [
      "log in",
      async () => {
        await page.goto(app("/login"))
        await page.locator('input[name="email"]').fill(summary.admin.email)
        await page.locator('input[name="password"]').fill(summary.admin.password)
        await page.getByRole("button", { name: /continue/i }).click()
        await page.waitForURL((url) => !url.pathname.endsWith("/login"), { timeout: 60000 })
      },
    ],
    [
      "customer with points: read the balance",
      async () => {
        await page.goto(app(`/customers/${customerId}`))
        const balance = page.getByTestId("lp-balance")
        await balance.waitFor()
        state.balance = digits(await balance.innerText())
        assert.ok(state.balance > 0, `expected a positive balance, read ${state.balance}`)
        console.log(`  balance: ${state.balance}`)
      },
    ],
    [
      "adjust +100 with a reason: balance and history update",
      async () => {
        await page.getByRole("button", { name: "Adjust points" }).first().click()
        await page.locator("#lp-adjust-points").fill("100")
        await page.getByTestId("lp-adjust-reason").click()
        await page.getByRole("option", { name: "Goodwill" }).click()
        await page.locator("#lp-adjust-note").fill("Browser test goodwill")
        await page.getByRole("button", { name: "Save" }).click()
        const balance = page.getByTestId("lp-balance")
        await page.waitForFunction(
          ([expected]) => {
            const el = document.querySelector('[data-testid="lp-balance"]')
            return el && Number(el.textContent.replace(/[^\d-]/g, "")) === expected
          },
          [state.balance + 100]
        )
        assert.equal(digits(await balance.innerText()), state.balance + 100)
        // The success toast may cover the link: click it without aiming.
        await page.getByRole("link", { name: "View full history" }).dispatchEvent("click")
        const firstRow = page.getByTestId("lp-history").locator("tbody tr").first()
        await firstRow.waitFor()
        const text = await firstRow.innerText()
        assert.match(text, /\+100/)
        assert.match(text, /goodwill/)
        assert.match(text, /Browser test goodwill/)
      },
    ],
    [
      "invalid adjustment shows the error next to the field",
      async () => {
        await page.goto(app(`/customers/${customerId}`))
        await page.getByTestId("lp-balance").waitFor()
        await page.getByRole("button", { name: "Adjust points" }).first().click()
        await page.locator("#lp-adjust-points").fill("0")
        await page.getByTestId("lp-adjust-reason").click()
        await page.getByRole("option", { name: "Correction" }).click()
        await page.getByRole("button", { name: "Save" }).click()
        const error = page.getByTestId("lp-adjust-expires-at-error")
        await error.waitFor()
        assert.match(await error.innerText(), /expiry date/i)
        await page.locator("#lp-adjust-points").fill(String(-(state.balance + 1000)))
        await page.getByRole("button", { name: "Save" }).click()
        const pointsError = page.getByTestId("lp-adjust-points-error")
        await pointsError.waitFor()
        assert.match(await pointsError.innerText(), /available/i)
      },
    ],
    [
      "order with points: earned and redeemed",
      async () => {
        await page.keyboard.press("Escape")
        await page.goto(app(`/orders/${order.id}`))
        const widget = page.getByTestId("lp-order-widget")
        await widget.waitFor()
        assert.equal(digits(await widget.getByTestId("lp-order-earned").innerText()), order.earned)
        assert.equal(digits(await widget.getByTestId("lp-order-redeemed").innerText()), order.redeemed)
      },
    ],
    [
      "accounts page: search and open the customer",
      async () => {
        await page.goto(app("/loyalty-points"))
        await page.getByText(summary.shopper.email).first().waitFor()
        await page.getByPlaceholder("Search email or name").fill("shopper")
        await page.waitForTimeout(600)
        await page.getByText(summary.shopper.email).first().click()
        await page.waitForURL((url) => url.pathname.includes(`/customers/${customerId}`))
      },
    ],
    [
      "settings: change the earn rate and see it saved",
      async () => {
        await page.goto(app("/settings/loyalty-points"))
        const rate = page.getByLabel("Earn rate USD")
        await rate.waitFor()
        await rate.fill("2")
        await page.getByTestId("lp-program-save").click()
        await page.getByText("Programme saved").first().waitFor()
        await page.reload()
        await page.getByLabel("Earn rate USD").waitFor()
        await page.waitForFunction(() => document.querySelector('[aria-label="Earn rate USD"]')?.value === "2")
        const { call } = require("./order")
        const { program } = await call(baseUrl, "GET", "/admin/loyalty-points/program", { headers: { authorization: `Bearer ${order.adminToken}` } })
        assert.equal(program.earn_rates.usd, 2)
      },
    ],
    [
      "settings: create a tier",
      async () => {
        const tiers = page.getByTestId("lp-tiers")
        await tiers.getByRole("button", { name: "Create" }).click()
        await page.locator("#lp-tiers-name").fill("Gold")
        await page.locator("#lp-tiers-rank").fill("3")
        await page.locator("#lp-tiers-threshold").fill("5000")
        await page.locator("#lp-tiers-earn_multiplier").fill("1.5")
        await page.getByRole("dialog").getByRole("button", { name: "Save" }).click()
        await tiers.getByText("Gold").first().waitFor()
        assert.match(await tiers.innerText(), /5,000 points/)
      },
    ],
    [
      "import a small CSV: the dry run flags the bad row",
      async () => {
        await page.goto(app("/loyalty-points/import"))
        const csv = ["email,points,reason", `${summary.shopper.email},50,migration`, "nobody@example.com,10,migration"].join("\n")
        await page.getByTestId("lp-import-file").setInputFiles({ name: "points.csv", mimeType: "text/csv", buffer: Buffer.from(csv) })
        await page.getByTestId("lp-import-check").waitFor()
        await page.getByTestId("lp-import-invalid").waitFor()
        const bad = page.getByTestId("lp-import-row-error")
        assert.equal(await bad.count(), 1)
        assert.match(await bad.first().innerText(), /nobody@example\.com/)
        assert.equal(await page.getByTestId("lp-import-row-ok").count(), 1)
        assert.ok(await page.getByRole("button", { name: "Apply import" }).isDisabled())
      },
    ],
    [
      "report page: the liability matches the API",
      async () => {
        await page.goto(app("/loyalty-points/reports"))
        const usd = page.getByTestId("lp-report-liability-usd")
        await usd.waitFor()
        const { call } = require("./order")
        const { summary: report } = await call(baseUrl, "GET", "/admin/loyalty-points/reports/summary", {
          headers: { authorization: `Bearer ${order.adminToken}` },
        })
        const expected = report.liability.find((row) => row.currency_code === "usd").amount
        const shown = Number((await usd.innerText()).replace(/[^\d.]/g, ""))
        console.log(`  liability shown ${shown} USD, API ${expected} USD`)
        assert.equal(shown, expected)
        assert.equal(digits(await page.getByTestId("lp-report-outstanding").innerText()), report.outstanding_points)
      },
    ],
  ]

  for (const [name, run] of steps) {
    index++
    const started = Date.now()
    const shot = path.join(shotsDir, `${String(index).padStart(2, "0")}-${name.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}.png`)
    try {
      await run()
      console.log(`  ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
    } catch (error) {
      failures++
      console.log(`  FAIL ${name}: ${error.message.split("\n")[0]}`)
    }
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {})
  }
  await browser.close()
  return failures
}

module.exports = { runSteps }
