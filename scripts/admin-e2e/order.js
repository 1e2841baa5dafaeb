/**
 * An order with points for the browser test: the demo shopper checks out over the
 * Store API with points applied, and an admin captures the payment, so the order page
 * has something earned and something redeemed to show.
 */
const REDEEM_POINTS = 200

async function call(baseUrl, method, url, { body, headers = {} } = {}) {
  const response = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  const data = text ? JSON.parse(text) : {}
  if (!response.ok) {
    throw new Error(`${method} ${url}: ${response.status} ${text}`)
  }
  return data
}

async function placeOrderWithPoints(baseUrl, summary) {
  const store = { "x-publishable-api-key": summary.publishable_api_key }
  const { token } = await call(baseUrl, "POST", "/auth/customer/emailpass", {
    body: { email: summary.shopper.email, password: summary.shopper.password },
  })
  const shopper = { ...store, authorization: `Bearer ${token}` }
  const regionId = summary.regions.usd
  const { products } = await call(baseUrl, "GET", `/store/products?handle=demo-rewards-hoodie&region_id=${regionId}`, {
    headers: store,
  })
  const variantId = products[0].variants[0].id
  const { cart } = await call(baseUrl, "POST", "/store/carts", {
    headers: shopper,
    body: { region_id: regionId, sales_channel_id: summary.sales_channel_id },
  })
  await call(baseUrl, "POST", `/store/carts/${cart.id}/line-items`, {
    headers: shopper,
    body: { variant_id: variantId, quantity: 2 },
  })
  const address = {
    first_name: "Demo",
    last_name: "Shopper",
    address_1: "1 Main St",
    city: "New York",
    country_code: "us",
    postal_code: "10001",
  }
  await call(baseUrl, "POST", `/store/carts/${cart.id}`, {
    headers: shopper,
    body: { shipping_address: address, billing_address: address },
  })
  const { shipping_options } = await call(baseUrl, "GET", `/store/shipping-options?cart_id=${cart.id}`, {
    headers: shopper,
  })
  await call(baseUrl, "POST", `/store/carts/${cart.id}/shipping-methods`, {
    headers: shopper,
    body: { option_id: shipping_options[0].id },
  })
  await call(baseUrl, "POST", `/store/carts/${cart.id}/loyalty-points`, {
    headers: shopper,
    body: { points: REDEEM_POINTS },
  })
  const { payment_collection } = await call(baseUrl, "POST", "/store/payment-collections", {
    headers: shopper,
    body: { cart_id: cart.id },
  })
  await call(baseUrl, "POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, {
    headers: shopper,
    body: { provider_id: "pp_system_default" },
  })
  const completed = await call(baseUrl, "POST", `/store/carts/${cart.id}/complete`, { headers: shopper })
  if (completed.type !== "order") {
    throw new Error(`cart completion failed: ${JSON.stringify(completed.error)}`)
  }
  const orderId = completed.order.id

  const { token: adminToken } = await call(baseUrl, "POST", "/auth/user/emailpass", {
    body: { email: summary.admin.email, password: summary.admin.password },
  })
  const admin = { authorization: `Bearer ${adminToken}` }
  // order.placed is handled asynchronously: wait for the pending points first.
  const points = () => call(baseUrl, "GET", `/admin/orders/${orderId}/loyalty-points`, { headers: admin })
  await waitFor(async () => (await points()).loyalty_points.pending > 0)
  const { order } = await call(baseUrl, "GET", `/admin/orders/${orderId}?fields=*payment_collections.payments`, {
    headers: admin,
  })
  const payment = order.payment_collections[0].payments[0]
  await call(baseUrl, "POST", `/admin/payments/${payment.id}/capture`, { headers: admin, body: {} })
  await waitFor(async () => (await points()).loyalty_points.earned > 0)
  const { loyalty_points } = await points()
  return { id: orderId, earned: loyalty_points.earned, redeemed: loyalty_points.redeemed, adminToken }
}

async function waitFor(check, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return
    if (Date.now() > deadline) throw new Error("timed out waiting for the order's points")
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

module.exports = { placeOrderWithPoints, call }
