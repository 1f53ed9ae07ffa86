/**
 * The fair YES value of a market at any time: a random walk in log-odds, evaluated in O(log n)
 * from the market key (see bridge.ts), then any scripted override from the last override on.
 *
 * One step is one simulated minute; values are constant within a step. The fair value is a
 * model quantity (a float); prices that reach the book or a response are snapped to the grid
 * as integer Micros.
 */
import { brownian } from "./bridge.ts";
import type { MarketState, PriceOverride } from "./types.ts";

export const STEP_MS = 60_000;

export const stepOf = (t0: number, t: number): number => Math.floor((t - t0) / STEP_MS);
export const stepStart = (t0: number, step: number): number => t0 + step * STEP_MS;

export const logit = (p: number): number => Math.log(p / (1 - p));
export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

function lastOverride(m: MarketState, t: number): PriceOverride | undefined {
  const list = m.overrides;
  for (let i = list.length - 1; i >= 0; i--) {
    const ov = list[i];
    if (ov && ov.time <= t) return ov;
  }
  return undefined;
}

export function fairLogit(m: MarketState, t0: number, t: number): number {
  const n = stepOf(t0, t);
  const ov = lastOverride(m, t);
  if (!ov) return m.logit0 + m.sigma * brownian(m.key, n);
  if (ov.pinned) return ov.logit;
  return ov.logit + m.sigma * (brownian(m.key, n) - brownian(m.key, ov.step));
}

/** Fair YES price in micros (float), kept inside (0.0001, 0.9999). */
export function fairPrice(m: MarketState, t0: number, t: number): number {
  const p = sigmoid(fairLogit(m, t0, t)) * 1_000_000;
  return Math.min(999_900, Math.max(100, p));
}

/** Records a scripted price from time t on (overrides must arrive in time order). */
export function overridePrice(
  m: MarketState,
  t0: number,
  t: number,
  priceMicros: number,
  pinned: boolean,
): void {
  const p = Math.min(0.9999, Math.max(0.0001, priceMicros / 1_000_000));
  const ov: PriceOverride = { time: t, step: stepOf(t0, t), logit: logit(p), pinned };
  // Same-time overrides replace each other so the last call wins.
  const last = m.overrides[m.overrides.length - 1];
  if (last && last.time === t) m.overrides[m.overrides.length - 1] = ov;
  else m.overrides.push(ov);
}
