/**
 * Exact money and contract counts.
 *
 * Kalshi speaks fixed-point strings: dollars with up to 6 decimals ("0.950000") and contract
 * counts with 2 decimals ("10.00"). We parse them into integers and never touch a float:
 *
 *   Micros — integer millionths of a dollar ($1 = 1_000_000). Prices, costs, fees, P&L, balances.
 *   Centis — integer hundredths of a contract (1 contract = 100). Kalshi's minimum granularity.
 *
 * Both are plain `number`s (exact below 2^53 ≈ $9 billion in micros), branded so the type checker
 * refuses to add a price to a count. Products that could pass 2^53 go through BigInt.
 */

export type Micros = number & { readonly __unit: "micros" };
export type Centis = number & { readonly __unit: "centis" };

export const MICROS_PER_DOLLAR = 1_000_000;
export const CENTIS_PER_CONTRACT = 100;
/** A contract pays out exactly $1 when it wins. */
export const PAYOUT_PER_CONTRACT = MICROS_PER_DOLLAR as Micros;

export class MoneyFormatError extends Error {
  override readonly name = "MoneyFormatError";
}

const DOLLARS = /^(-?)(\d+)(?:\.(\d{1,6}))?$/;
const COUNT = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

function parseFixed(text: string, pattern: RegExp, decimals: number, what: string): number {
  const m = pattern.exec(text);
  if (!m) throw new MoneyFormatError(`${what} ${JSON.stringify(text)} is not a fixed-point string`);
  const whole = m[2] ?? "0";
  const frac = (m[3] ?? "").padEnd(decimals, "0");
  const value = Number(whole) * 10 ** decimals + Number(frac || "0");
  if (!Number.isSafeInteger(value)) throw new MoneyFormatError(`${what} ${text} is too large`);
  return m[1] === "-" && value !== 0 ? -value : value;
}

function formatFixed(value: number, decimals: number, shown: number): string {
  if (!Number.isSafeInteger(value)) throw new MoneyFormatError(`${value} is not an exact integer amount`);
  const sign = value < 0 ? "-" : "";
  const abs = Math.abs(value);
  const scale = 10 ** decimals;
  const whole = Math.floor(abs / scale);
  const frac = String(abs % scale).padStart(decimals, "0");
  if (shown < decimals && Number(frac.slice(shown)) !== 0) {
    throw new MoneyFormatError(`${sign}${whole}.${frac} cannot be written with ${shown} decimals`);
  }
  return shown === 0 ? `${sign}${whole}` : `${sign}${whole}.${frac.slice(0, shown)}`;
}

/** "0.9500" → 950000 micros. Throws MoneyFormatError on anything that is not a dollar string. */
export function parseDollars(text: string): Micros {
  return parseFixed(text, DOLLARS, 6, "dollar amount") as Micros;
}

/** 950000 → "0.9500". Requests take 2–4 decimals; responses carry up to 6. */
export function formatDollars(micros: Micros, decimals: 2 | 4 | 6 = 4): string {
  return formatFixed(micros, 6, decimals);
}

/** "10.50" → 1050 centis. */
export function parseCount(text: string): Centis {
  return parseFixed(text, COUNT, 2, "contract count") as Centis;
}

/** 1050 → "10.50" (Kalshi always emits 2 decimals). */
export function formatCount(centis: Centis): string {
  return formatFixed(centis, 2, 2);
}

export const micros = (n: number): Micros => {
  if (!Number.isSafeInteger(n)) throw new MoneyFormatError(`${n} is not a whole number of micros`);
  return n as Micros;
};
export const centis = (n: number): Centis => {
  if (!Number.isSafeInteger(n)) throw new MoneyFormatError(`${n} is not a whole number of centis`);
  return n as Centis;
};
/** Whole dollars from configuration (e.g. DAILY_BUDGET=100) into micros. */
export const dollars = (whole: number): Micros => micros(Math.round(whole * MICROS_PER_DOLLAR));

export type Rounding = "up" | "down" | "half-up";

/** Integer division of BigInts with an explicit rounding rule (for non-negative and negative). */
export function divRound(numerator: bigint, denominator: bigint, rounding: Rounding): bigint {
  if (denominator <= 0n) throw new RangeError("denominator must be positive");
  const q = numerator / denominator;
  const r = numerator % denominator;
  if (r === 0n) return q;
  const negative = numerator < 0n;
  switch (rounding) {
    case "down":
      return negative ? q - 1n : q;
    case "up":
      return negative ? q : q + 1n;
    case "half-up": {
      const twice = (r < 0n ? -r : r) * 2n;
      if (twice >= denominator) return negative ? q - 1n : q + 1n;
      return negative ? q : q;
    }
  }
}

/** price × count, in micros. A 6-decimal price times a 2-decimal count can need 8 decimals, so round. */
export function notional(price: Micros, count: Centis, rounding: Rounding = "half-up"): Micros {
  return Number(divRound(BigInt(price) * BigInt(count), BigInt(CENTIS_PER_CONTRACT), rounding)) as Micros;
}

/** Largest count (in centis, a multiple of `step`) whose cost `price × count` fits in `budget`. */
export function affordableCount(budget: Micros, unitCost: Micros, step: Centis = 100 as Centis): Centis {
  if (unitCost <= 0) throw new RangeError("unit cost must be positive");
  const raw = divRound(BigInt(budget) * BigInt(CENTIS_PER_CONTRACT), BigInt(unitCost), "down");
  const stepped = raw - (raw % BigInt(step));
  return Number(stepped) as Centis;
}

export const sumMicros = (values: readonly Micros[]): Micros =>
  values.reduce<number>((a, b) => a + b, 0) as Micros;

/** Rounds toward the cent the way an account ledger does. */
export function roundToCent(amount: Micros, rounding: Rounding = "half-up"): Micros {
  return (Number(divRound(BigInt(amount), 10_000n, rounding)) * 10_000) as Micros;
}
