import { useCallback, useEffect, useState } from "react"
import {
  CartLoyaltyPoints,
  isLoyaltyPointsCode,
  LOYALTY_POINTS_LABEL,
  LoyaltyAccountPoints,
  formatMoney,
} from "medusa-loyalty-points/storefront"
import type { HttpTypes } from "@medusajs/types"
import { createSdk, loadConfig, Sdk, StorefrontConfig } from "./sdk"

const CART_FIELDS = "*items,*promotions,subtotal,item_subtotal,discount_subtotal,discount_total,shipping_total,tax_total,total,currency_code"
const ADDRESS = { first_name: "Demo", last_name: "Shopper", address_1: "1 Main St", city: "New York", country_code: "us", postal_code: "10001" }

type Cart = HttpTypes.StoreCart

export function App() {
  const [config, setConfig] = useState<StorefrontConfig | null>(null)
  const [sdk, setSdk] = useState<Sdk | null>(null)
  const [signedIn, setSignedIn] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [products, setProducts] = useState<HttpTypes.StoreProduct[]>([])
  const [cart, setCart] = useState<Cart | null>(null)
  const [order, setOrder] = useState<HttpTypes.StoreOrder | null>(null)
  const [accountVersion, setAccountVersion] = useState(0)

  useEffect(() => {
    loadConfig().then((c) => {
      setConfig(c)
      setSdk(createSdk(c))
    })
  }, [])

  const reloadCart = useCallback(
    async (id = cart?.id) => {
      if (!sdk || !id) return
      const { cart: next } = await sdk.store.cart.retrieve(id, { fields: CART_FIELDS })
      setCart(next)
    },
    [sdk, cart?.id]
  )

  if (!sdk || !config) return <p>Loading…</p>

  const signIn = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    try {
      await sdk.auth.login("customer", "emailpass", { email: String(form.get("email")), password: String(form.get("password")) })
      setSignedIn(true)
      const { products } = await sdk.store.product.list({ region_id: config.regionId, fields: "id,title,*variants.calculated_price", limit: 4 })
      setProducts(products)
    } catch (e) {
      setError((e as Error).message)
    }
  }

  const addToCart = async (variantId: string) => {
    let id = cart?.id
    if (!id) {
      const { cart: created } = await sdk.store.cart.create({ region_id: config.regionId })
      id = created.id
    }
    await sdk.store.cart.createLineItem(id!, { variant_id: variantId, quantity: 1 })
    await reloadCart(id)
  }

  // How Medusa's Next.js starter removes a code from its discount list.
  const removePromotion = async (code: string) => {
    await sdk.client.fetch(`/store/carts/${cart!.id}/promotions`, { method: "DELETE", body: { promo_codes: [code] } })
    await reloadCart()
  }

  const placeOrder = async () => {
    const id = cart!.id
    await sdk.store.cart.update(id, { shipping_address: ADDRESS, billing_address: ADDRESS })
    const { shipping_options } = await sdk.store.fulfillment.listCartOptions({ cart_id: id })
    await sdk.store.cart.addShippingMethod(id, { option_id: shipping_options[0].id })
    const { cart: fresh } = await sdk.store.cart.retrieve(id, { fields: "id,*payment_collection" })
    await sdk.store.payment.initiatePaymentSession(fresh, { provider_id: "pp_system_default" })
    const result = await sdk.store.cart.complete(id)
    if (result.type !== "order") {
      setError(result.error?.message ?? "The order was not placed")
      return
    }
    setOrder(result.order)
    setCart(null)
    setAccountVersion((v) => v + 1)
  }

  if (!signedIn) {
    return (
      <form onSubmit={signIn} data-testid="sign-in">
        <input name="email" type="email" placeholder="email" />
        <input name="password" type="password" placeholder="password" />
        <button type="submit">Sign in</button>
        {error && <p role="alert">{error}</p>}
      </form>
    )
  }

  const currency = cart?.currency_code ?? "usd"
  return (
    <main>
      <LoyaltyAccountPoints key={accountVersion} sdk={sdk} currencyCode={currency} pageSize={5} />

      <section data-testid="products">
        <h2>Products</h2>
        {products.map((product) => {
          const variant = product.variants?.[0]
          return variant ? (
          <div key={product.id}>
            {product.title} · {formatMoney(variant.calculated_price?.calculated_amount ?? 0, currency)}{" "}
            <button type="button" onClick={() => addToCart(variant.id)} data-testid="add-to-cart">
              Add to cart
            </button>
          </div>
          ) : null
        })}
      </section>

      {cart && (
        <section data-testid="cart">
          <h2>Cart</h2>
          <ul>
            {(cart.items ?? []).map((item) => (
              <li key={item.id}>
                {item.quantity} × {item.title}
              </li>
            ))}
          </ul>
          <dl>
            <dt>Subtotal</dt>
            <dd data-testid="item-subtotal">{formatMoney(cart.item_subtotal, currency)}</dd>
            {(cart.promotions ?? []).map((promotion) => (
              <div key={promotion.id} data-testid="promotion" data-loyalty={isLoyaltyPointsCode(promotion.code) ? "true" : "false"}>
                <dt>{isLoyaltyPointsCode(promotion.code) ? LOYALTY_POINTS_LABEL : promotion.code}</dt>
                <dd>
                  <button type="button" onClick={() => removePromotion(promotion.code!)} data-testid="remove-promotion">
                    Remove
                  </button>
                </dd>
              </div>
            ))}
            <dt>Discount</dt>
            <dd data-testid="discount-total">−{formatMoney(Number((cart as Cart & { discount_subtotal?: number }).discount_subtotal ?? 0), currency)}</dd>
            <dt>Total</dt>
            <dd data-testid="total">{formatMoney(cart.total, currency)}</dd>
          </dl>
          {/* Reloads when the items or the codes change, including a code removed from the list above. */}
          <CartLoyaltyPoints
            sdk={sdk}
            cartId={cart.id}
            cartVersion={`${cart.item_subtotal}|${(cart.promotions ?? []).map((promotion) => promotion.code).join(",")}`}
            onChange={() => reloadCart()}
          />
          <button type="button" onClick={placeOrder} data-testid="place-order">
            Place order
          </button>
        </section>
      )}
      {order && (
        <p data-testid="order-placed">
          Order #{order.display_id} placed: {formatMoney(order.total, order.currency_code)}
        </p>
      )}
      {error && <p role="alert">{error}</p>}
    </main>
  )
}
