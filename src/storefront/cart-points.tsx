import { useCallback, useEffect, useRef, useState } from "react"
import {
  applyLoyaltyPoints,
  MedusaSdkLike,
  removeLoyaltyPoints,
  retrieveCartEarnablePoints,
  retrieveCartLoyaltyPoints,
  retrieveLoyaltyAccount,
} from "./client"
import { LoyaltyPointsError, toLoyaltyPointsError } from "./errors"
import { formatMoney, formatPoints } from "./format"
import type { StoreCartLoyaltyPoints } from "./types"

export type CartLoyaltyPointsProps = {
  sdk: MedusaSdkLike
  cartId: string
  /**
   * Called after points were applied or removed (and when the hold lapsed), with the
   * cart's new loyalty state: reload the cart's totals here (in Next.js, revalidate the
   * cart's cache tag).
   */
  onChange?: (state: StoreCartLoyaltyPoints | null) => void | Promise<void>
  /**
   * Replaces the plain DELETE when the shopper removes the points (for example a
   * storefront that removes promotion codes through Medusa's own promotions route).
   */
  onRemove?: (state: StoreCartLoyaltyPoints) => Promise<void>
  /** Changes the cart's items or total between renders: the control reloads its state. */
  cartVersion?: unknown
  className?: string
  labels?: Partial<typeof CART_LABELS>
  locale?: string
}

export const CART_LABELS = {
  title: "Use your points",
  available: "available",
  points: "Points",
  apply: "Apply points",
  update: "Update",
  remove: "Remove",
  applied: "applied",
  discount: "Discount",
  earn: "You earn",
  earnPoints: "points with this order",
  guestEarn: "Sign in to earn",
  otpPrompt: "We sent you a one-time code. Enter it to use these points:",
  otpConfirm: "Confirm",
  conflict: "Your points changed. The cart was updated; please try again.",
  expired: "Your points were released from this cart. Apply them again.",
  holdUntil: "Reserved until",
  nothingToRedeem: "No points to use on this cart.",
  loading: "Loading points…",
}

type Status = "loading" | "ready" | "guest" | "busy" | "otp" | "error"

/**
 * The cart's "use points" control: a slider and a number input bounded by
 * `max_redeemable_points`, the discount those points give, apply and remove, the
 * one-time-code prompt, and what happens on 409 (points changed: the state reloads) and
 * when the hold lapses (the control says so and reloads). For a guest it shows what the
 * cart would earn after signing in. Unstyled; parts carry `data-loyalty` attributes.
 */
export function CartLoyaltyPoints({ sdk, cartId, onChange, onRemove, cartVersion, className, labels, locale }: CartLoyaltyPointsProps) {
  const text = { ...CART_LABELS, ...(labels ?? {}) }
  const [state, setState] = useState<StoreCartLoyaltyPoints | null>(null)
  const [valuePerPoint, setValuePerPoint] = useState<number | null>(null)
  const [guestPoints, setGuestPoints] = useState<number | null>(null)
  const [points, setPoints] = useState(0)
  const [otp, setOtp] = useState("")
  const [status, setStatus] = useState<Status>("loading")
  const [message, setMessage] = useState<string | null>(null)
  const wasApplied = useRef(false)

  const load = useCallback(async () => {
    try {
      const { loyalty_points } = await retrieveCartLoyaltyPoints(sdk, cartId)
      setState(loyalty_points)
      setPoints(loyalty_points.applied_points || Math.min(loyalty_points.max_redeemable_points, loyalty_points.available))
      setStatus("ready")
      if (wasApplied.current && loyalty_points.applied_points === 0) {
        setMessage(text.expired)
      }
      wasApplied.current = loyalty_points.applied_points > 0
      if (valuePerPoint == null) {
        const { loyalty_account } = await retrieveLoyaltyAccount(sdk, { currency_code: loyalty_points.currency_code })
        setValuePerPoint(loyalty_account.redemption_value)
      }
      return loyalty_points
    } catch (e) {
      const error = toLoyaltyPointsError(e)
      if (error.kind === "unauthorized" || error.kind === "not_found") {
        // A guest (or a cart of nobody signed in): show what signing in would earn.
        const earnable = await retrieveCartEarnablePoints(sdk, cartId).catch(() => null)
        setGuestPoints(earnable?.loyalty_points.earnable_points ?? null)
        setStatus("guest")
        return null
      }
      setMessage(error.message)
      setStatus("error")
      return null
    }
    // (effect dependencies chosen on purpose)
  }, [sdk, cartId, valuePerPoint])

  useEffect(() => {
    void load()
    // (effect dependencies chosen on purpose)
  }, [sdk, cartId, cartVersion])

  // The hold lapses at hold_expires_at: reload then, so the control never shows a discount that is gone.
  useEffect(() => {
    if (!state?.hold_expires_at || !state.applied_points) {
      return
    }
    const wait = new Date(state.hold_expires_at).getTime() - Date.now() + 1000
    const timer = setTimeout(() => {
      void load().then((next) => onChange?.(next))
    }, Math.max(wait, 1000))
    return () => clearTimeout(timer)
    // (effect dependencies chosen on purpose)
  }, [state?.hold_expires_at, state?.applied_points])

  const fail = async (e: unknown) => {
    const error: LoyaltyPointsError = toLoyaltyPointsError(e, { otpRoute: true })
    if (error.kind === "otp_required") {
      setStatus("otp")
      setMessage(text.otpPrompt)
      return
    }
    if (error.kind === "conflict") {
      setMessage(text.conflict)
      const next = await load()
      await onChange?.(next)
      return
    }
    setMessage(error.message)
    setStatus(state ? "ready" : "error")
  }

  const apply = async (withOtp?: string) => {
    setStatus("busy")
    setMessage(null)
    try {
      const { loyalty_points } = await applyLoyaltyPoints(sdk, cartId, withOtp ? { points, otp: withOtp } : { points })
      setState(loyalty_points)
      wasApplied.current = loyalty_points.applied_points > 0
      setOtp("")
      setStatus("ready")
      await onChange?.(loyalty_points)
    } catch (e) {
      await fail(e)
    }
  }

  const remove = async () => {
    if (!state) return
    setStatus("busy")
    setMessage(null)
    try {
      let next: StoreCartLoyaltyPoints | null
      if (onRemove) {
        await onRemove(state)
        next = (await retrieveCartLoyaltyPoints(sdk, cartId)).loyalty_points
      } else {
        next = (await removeLoyaltyPoints(sdk, cartId)).loyalty_points
      }
      wasApplied.current = false
      setState(next)
      setPoints(Math.min(next.max_redeemable_points, next.available))
      setStatus("ready")
      await onChange?.(next)
    } catch (e) {
      await fail(e)
    }
  }

  if (status === "loading") {
    return (
      <section className={className} data-loyalty="cart" data-state="loading">
        {text.loading}
      </section>
    )
  }
  if (status === "guest") {
    return (
      <section className={className} data-loyalty="cart" data-state="guest">
        {guestPoints ? (
          <p data-loyalty="guest-earnable">
            {text.guestEarn} <strong>{formatPoints(guestPoints, locale)}</strong> {text.earnPoints}
          </p>
        ) : null}
      </section>
    )
  }
  if (!state) {
    return (
      <section className={className} data-loyalty="cart" data-state="error">
        <p role="alert">{message}</p>
      </section>
    )
  }

  const max = state.max_redeemable_points
  const bounded = Math.max(0, Math.min(points, max))
  const preview = valuePerPoint != null ? Math.round(bounded * valuePerPoint * 100) / 100 : null
  const busy = status === "busy"
  const applied = state.applied_points > 0

  return (
    <section className={className} data-loyalty="cart" data-state={status} data-applied={applied ? "true" : "false"}>
      <h3>{text.title}</h3>
      <p data-loyalty="available">
        {formatPoints(state.available, locale)} {text.available}
      </p>
      {max > 0 ? (
        <div data-loyalty="control">
          <label>
            {text.points}
            <input
              type="range"
              min={0}
              max={max}
              step={1}
              value={bounded}
              disabled={busy}
              onChange={(event) => setPoints(Number(event.target.value))}
              data-loyalty="slider"
            />
            <input
              type="number"
              min={0}
              max={max}
              step={1}
              value={bounded}
              disabled={busy}
              onChange={(event) => setPoints(Math.floor(Number(event.target.value) || 0))}
              data-loyalty="points-input"
            />
          </label>
          {preview != null && (
            <span data-loyalty="preview">
              −{formatMoney(preview, state.currency_code, locale)}
            </span>
          )}
          <button type="button" disabled={busy || bounded <= 0} onClick={() => apply()} data-loyalty="apply">
            {applied ? text.update : text.apply}
          </button>
        </div>
      ) : (
        !applied && <p data-loyalty="nothing">{text.nothingToRedeem}</p>
      )}

      {status === "otp" && (
        <form
          data-loyalty="otp"
          onSubmit={(event) => {
            event.preventDefault()
            void apply(otp)
          }}
        >
          <input
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="\d{6}"
            maxLength={6}
            value={otp}
            onChange={(event) => setOtp(event.target.value.replace(/\D/g, ""))}
            data-loyalty="otp-input"
          />
          <button type="submit" disabled={otp.length !== 6}>
            {text.otpConfirm}
          </button>
        </form>
      )}

      {applied && (
        <div data-loyalty="applied">
          <span data-loyalty="applied-points">
            {formatPoints(state.applied_points, locale)} {text.applied}
          </span>{" "}
          <span data-loyalty="discount">
            {text.discount}: −{formatMoney(state.discount_amount, state.currency_code, locale)}
          </span>{" "}
          {state.hold_expires_at && (
            <small data-loyalty="hold-expires">
              {text.holdUntil} {new Date(state.hold_expires_at).toLocaleTimeString(locale)}
            </small>
          )}{" "}
          <button type="button" disabled={busy} onClick={remove} data-loyalty="remove">
            {text.remove}
          </button>
        </div>
      )}

      <p data-loyalty="earnable">
        {text.earn} {formatPoints(state.earnable_points, locale)} {text.earnPoints}
      </p>
      {message && (
        <p role={status === "otp" ? "status" : "alert"} data-loyalty="message">
          {message}
        </p>
      )}
    </section>
  )
}
