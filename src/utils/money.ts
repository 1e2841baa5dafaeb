import { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"

/**
 * The one place money is rounded, with Medusa's MathBN (bignumber.js, half up), so no
 * sum drifts by a float's last digit:
 * - `roundMoney`: an amount shown or charged in a currency, to that currency's
 *   precision (2 decimals; 0 for JPY, KRW...; 3 for BHD, KWD...);
 * - `roundLedgerMoney`: the money value the ledger records beside points (6 decimals,
 *   as the ledger's SQL rounds it), finer than any currency so that sums stay exact.
 */

/** Currencies whose minor unit is not the cent (ISO 4217). */
const CURRENCY_PRECISION: Readonly<Record<string, number>> = {
  bif: 0, clp: 0, djf: 0, gnf: 0, isk: 0, jpy: 0, kmf: 0, krw: 0, pyg: 0, rwf: 0, ugx: 0, vnd: 0, vuv: 0,
  xaf: 0, xof: 0, xpf: 0,
  bhd: 3, iqd: 3, jod: 3, kwd: 3, lyd: 3, omr: 3, tnd: 3,
}

/** Decimals of the currency's minor unit; 2 when unknown or not given. */
export function currencyPrecision(currencyCode?: string | null): number {
  return currencyCode ? (CURRENCY_PRECISION[currencyCode.toLowerCase()] ?? 2) : 2
}

/**
 * An amount rounded to the currency's precision.
 *
 * @example
 * roundMoney(3.335, "usd") // 3.34
 */
export function roundMoney(amount: BigNumberInput, currencyCode?: string | null): number {
  return MathBN.convert(amount, currencyPrecision(currencyCode)).toNumber()
}

/** The ledger's money value of an entry, to 6 decimals. */
export function roundLedgerMoney(amount: BigNumberInput): number {
  return MathBN.convert(amount, 6).toNumber()
}

/**
 * Money for points at the redemption value, rounded to the currency.
 *
 * @example
 * pointsToMoney(333, 0.01, "usd") // 3.33
 */
export function pointsToMoney(points: number, valuePerPoint: number, currencyCode?: string | null): number {
  return roundMoney(MathBN.mult(points, valuePerPoint), currencyCode)
}
