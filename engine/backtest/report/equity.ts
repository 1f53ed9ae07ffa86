/**
 * The equity curve, maximum drawdown and Sharpe ratio of a run, from its equity samples (paper
 * cash + open positions at cost, integer micros, in time order).
 *
 * Conventions (also written into every report):
 * - Drawdown is measured over every sample, intraday included, against the running peak, which
 *   starts at the starting balance. The money figure is the largest peak − trough; the percentage
 *   is the largest (peak − trough) / peak, which need not be the same fall.
 * - Sharpe uses daily returns: the equity at each UTC day's last sample, days without a sample
 *   carrying the previous close (a 0% day), the first day measured from the starting balance.
 *   Sharpe = mean / sample standard deviation (n − 1) × √365 (Kalshi trades every day), risk-free
 *   rate 0. null with fewer than two days or no variation.
 */
import type { EquitySample } from "../types.ts";
import type { EquityDay } from "./types.ts";

const DAY_MS = 86_400_000;
export const TRADING_DAYS_PER_YEAR = 365;

export interface Drawdown {
  amount: number;
  pct: number | null;
  peakAt: string | null;
  troughAt: string | null;
}

const isoOf = (at: string): string => {
  const ms = Date.parse(at);
  if (!Number.isFinite(ms)) throw new RangeError(`equity sample time ${JSON.stringify(at)} is not a time`);
  return new Date(ms).toISOString();
};

/** One point per UTC day that has samples: its last (close), lowest and highest equity. */
export function dailyEquity(samples: readonly EquitySample[]): EquityDay[] {
  const days: EquityDay[] = [];
  for (const s of samples) {
    const date = isoOf(s.at).slice(0, 10);
    const last = days.at(-1);
    if (last && last.date === date) {
      last.equity = s.balanceMicros;
      last.low = Math.min(last.low, s.balanceMicros);
      last.high = Math.max(last.high, s.balanceMicros);
    } else {
      if (last && last.date > date) throw new RangeError(`equity samples are not in time order at ${s.at}`);
      days.push({ date, equity: s.balanceMicros, low: s.balanceMicros, high: s.balanceMicros });
    }
  }
  return days;
}

export function maxDrawdown(startingBalance: number, samples: readonly EquitySample[]): Drawdown {
  // Before any sample rises above it, the peak is the starting balance, as of the first sample.
  let peak = startingBalance;
  let peakAt: string | null = samples[0]?.at ?? null;
  const worst: Drawdown = { amount: 0, pct: peak > 0 ? 0 : null, peakAt: null, troughAt: null };
  for (const s of samples) {
    const e = s.balanceMicros;
    if (e > peak) {
      peak = e;
      peakAt = s.at;
      if (worst.pct === null) worst.pct = 0;
      continue;
    }
    const fall = peak - e;
    if (fall > worst.amount) {
      worst.amount = fall;
      worst.peakAt = peakAt === null ? null : isoOf(peakAt);
      worst.troughAt = isoOf(s.at);
    }
    if (peak > 0) worst.pct = Math.max(worst.pct ?? 0, (fall / peak) * 100);
  }
  return worst;
}

/** Daily returns (fractions) from the daily closes, empty days filled with the previous close. */
export function dailyReturns(startingBalance: number, days: readonly EquityDay[]): number[] {
  const returns: number[] = [];
  let previous = startingBalance;
  let expected: number | null = null;
  for (const d of days) {
    const ms = Date.parse(`${d.date}T00:00:00Z`);
    if (expected !== null) for (let t = expected; t < ms; t += DAY_MS) returns.push(0);
    returns.push(previous > 0 ? d.equity / previous - 1 : 0);
    previous = d.equity;
    expected = ms + DAY_MS;
  }
  return returns;
}

export function sharpeRatio(returns: readonly number[]): number | null {
  const n = returns.length;
  if (n < 2) return null;
  const mean = returns.reduce((a, r) => a + r, 0) / n;
  const variance = returns.reduce((a, r) => a + (r - mean) ** 2, 0) / (n - 1);
  // Below float noise the series is flat: a Sharpe ratio of it would be noise divided by noise.
  if (!(variance > 1e-24)) return null;
  return (mean / Math.sqrt(variance)) * Math.sqrt(TRADING_DAYS_PER_YEAR);
}
