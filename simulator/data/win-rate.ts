/**
 * How often a Kalshi contract priced at N cents actually paid out (real data). The simulator
 * settles a market YES with probability winRate(its last YES price in cents), so backtests see
 * the real favourite–longshot pattern instead of coin flips.
 */
import { WIN_RATE_ROWS } from "./win-rate-table.ts";

const RATES: readonly number[] = WIN_RATE_ROWS.map((row) => row[3] / 100);

/** Probability (0–1) that a contract bought at `cents` (0–99) wins. */
export function winRate(cents: number): number {
  const c = Math.min(99, Math.max(0, Math.round(cents)));
  const rate = RATES[c];
  if (rate === undefined) throw new RangeError(`no win rate for ${cents}¢`);
  return rate;
}

/** Whole-cent YES price used for the settlement draw, from a price in micros. */
export function settlementCents(priceMicros: number): number {
  return Math.min(99, Math.max(0, Math.round(priceMicros / 10_000)));
}
