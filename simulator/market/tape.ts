/**
 * The synthetic trade tape: other participants trading each market. Market m trades a fixed size
 * every `everyMs` (per-market constants, from 5 minutes to 6 hours), the taker side drawn from the
 * market key, at the maker quote of that moment. Because size and rhythm are constants, volume up
 * to any time is closed-form; because prices come from the pure fair value, the tape of a market
 * nobody traded is computed on demand for any window, never stored.
 *
 * When the book holds a real user's orders ("live"), tape trades execute against the real book
 * instead (and can fill the user); those trades are recorded, and the pure tape skips that period.
 */
import type { Centis, Micros } from "../../engine/money/money.ts";
import { hash3, Stream, unit } from "../core/hash.ts";
import { hashUuid } from "../core/ids.ts";
import { fairPrice, stepOf } from "./fair-value.ts";
import { makerQuotes, paramsOf } from "./quotes.ts";
import type { MarketState } from "./types.ts";

export interface TapeTrade {
  id: string;
  k: number;
  time: number;
  takerBookSide: "bid" | "ask";
  price: Micros;
  count: Centis;
}

export type Interval = readonly [number, number];

const inAny = (t: number, intervals: readonly Interval[]): boolean =>
  intervals.some(([s, e]) => t >= s && t < e);

export function bucketTime(m: MarketState, k: number): number {
  const p = paramsOf(m).tape;
  return m.openTime + p.phaseMs + k * p.everyMs;
}

/** Index of the last bucket at or before t (−1 if none). Ignores close and pauses. */
export function lastBucketAtOrBefore(m: MarketState, t: number): number {
  const p = paramsOf(m).tape;
  return Math.floor((t - m.openTime - p.phaseMs) / p.everyMs);
}

/** Last instant the market trades (exclusive end of trading). */
const tradingEnd = (m: MarketState): number => m.closeTime;

/** Number of tape buckets in [from, to] (inclusive times), within trading hours and outside pauses. */
export function tapeCount(m: MarketState, from: number, to: number, pauses: readonly Interval[]): number {
  const p = paramsOf(m).tape;
  const lo = Math.max(from, m.openTime);
  const hi = Math.min(to, tradingEnd(m) - 1);
  if (hi < lo) return 0;
  const count = (a: number, b: number): number => {
    // buckets with time in [a, b]
    const first = Math.max(0, Math.ceil((a - m.openTime - p.phaseMs) / p.everyMs));
    const last = Math.floor((b - m.openTime - p.phaseMs) / p.everyMs);
    return Math.max(0, last - first + 1);
  };
  let n = count(lo, hi);
  for (const [s, e] of pauses) {
    const a = Math.max(lo, s);
    const b = Math.min(hi, e - 1);
    if (b >= a) n -= count(a, b);
  }
  return n;
}

/** Tape volume (centis) traded up to and including time t. */
export function tapeVolume(m: MarketState, to: number, pauses: readonly Interval[], from = 0): Centis {
  return (tapeCount(m, from, to, pauses) * paramsOf(m).tape.size) as Centis;
}

/** The pure (unrecorded) tape trade of bucket k, or undefined if the market was not trading then. */
export function pureTrade(
  m: MarketState,
  t0: number,
  k: number,
  pauses: readonly Interval[],
): TapeTrade | undefined {
  if (k < 0) return undefined;
  const time = bucketTime(m, k);
  if (time < m.openTime || time >= tradingEnd(m) || inAny(time, pauses)) return undefined;
  const quotes = makerQuotes(
    m.key,
    m.structure,
    paramsOf(m).maker,
    fairPrice(m, t0, time),
    stepOf(t0, time),
    1,
  );
  let side: "bid" | "ask" = unit(hash3(m.key, Stream.tapeSide, k)) < 0.5 ? "bid" : "ask";
  let level = side === "bid" ? quotes.asks[0] : quotes.bids[0];
  if (!level) {
    side = side === "bid" ? "ask" : "bid";
    level = side === "bid" ? quotes.asks[0] : quotes.bids[0];
  }
  if (!level) return undefined;
  const key = m.key;
  return {
    // Formatted on demand: listings of last prices never need the id.
    get id() {
      return hashUuid(key, Stream.tapeSide, k);
    },
    k,
    time,
    takerBookSide: side,
    price: level.price,
    count: paramsOf(m).tape.size,
  };
}

/** True when bucket k's trade is represented by a recorded trade instead of the pure tape. */
export const isLiveAt = (m: MarketState, t: number): boolean => inAny(t, m.liveIntervals);

/**
 * Pure tape trades of a market with times in [from, to], newest first, skipping live periods.
 * `limit` bounds the work for paginated listings.
 */
export function pureTradesNewestFirst(
  m: MarketState,
  t0: number,
  from: number,
  to: number,
  pauses: readonly Interval[],
  startK?: number,
): Iterable<TapeTrade> {
  const hi = Math.min(to, tradingEnd(m) - 1);
  const kStart = Math.min(startK ?? Number.POSITIVE_INFINITY, lastBucketAtOrBefore(m, hi));
  return {
    *[Symbol.iterator]() {
      for (let k = kStart; k >= 0; k--) {
        const time = bucketTime(m, k);
        if (time < from || time < m.openTime) return;
        if (isLiveAt(m, time)) continue;
        const trade = pureTrade(m, t0, k, pauses);
        if (trade) yield trade;
      }
    },
  };
}
