/**
 * Money as people read it, for rejection details, report text and scan criteria. Display only:
 * amounts stay exact Micros everywhere else.
 */
import { divRound, MICROS_PER_DOLLAR } from "../money/money.ts";

/** 12_345_678 → "$12.35" (to the cent, half-up); negatives as "-$5.00"; thousands separated. */
export function usd(micros: number): string {
  const cents = Number(divRound(BigInt(Math.abs(micros)), 10_000n, "half-up"));
  const whole = Math.floor(cents / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const text = `$${whole}.${String(cents % 100).padStart(2, "0")}`;
  return micros < 0 && cents > 0 ? `-${text}` : text;
}

/** Like usd, with an explicit sign for P&L: "+$3.10", "-$2.00", "$0.00". */
export function signedUsd(micros: number): string {
  const text = usd(micros);
  return text.startsWith("-") || text === "$0.00" ? text : `+${text}`;
}

/**
 * Shortest exact decimal of a dollar amount, at least 2 decimals: 850_000 → "0.85",
 * 955_000 → "0.955", 2_000_000_000 → "2000.00". Exact, so criteria never misstate a limit.
 */
export function exactDollars(micros: number): string {
  const negative = micros < 0;
  const abs = Math.abs(micros);
  const whole = Math.floor(abs / MICROS_PER_DOLLAR);
  let frac = String(abs % MICROS_PER_DOLLAR).padStart(6, "0");
  while (frac.length > 2 && frac.endsWith("0")) frac = frac.slice(0, -1);
  return `${negative ? "-" : ""}${whole}.${frac}`;
}

/** A price in cents for prose: 955_000 → "95.5¢". */
export function cents(micros: number): string {
  const tenths = Number(divRound(BigInt(micros), 1_000n, "half-up"));
  const text = (tenths / 10).toFixed(tenths % 10 === 0 ? 0 : 1);
  return `${text}¢`;
}

/** A fraction as a percentage for prose: 0.8765 → "87.7%". */
export const percent = (fraction: number, digits = 1): string => `${(fraction * 100).toFixed(digits)}%`;
