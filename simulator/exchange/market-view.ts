/**
 * A market as the public sees it at time t: best quotes and depth, last trade, volume, open
 * interest, previous-day values. Markets without a materialised book are answered from the pure
 * model, which is what keeps a 100,000-market listing cheap.
 */
import type { Centis, Micros } from "../../engine/money/money.ts";
import { DAY } from "../core/durations.ts";
import { hash2, Stream, unit } from "../core/hash.ts";
import { stepOf } from "../market/fair-value.ts";
import { type MarketStatus, statusAt } from "../market/lifecycle.ts";
import { paramsOf } from "../market/quotes.ts";
import { isLiveAt, lastBucketAtOrBefore, pureTrade, tapeVolume } from "../market/tape.ts";
import type { MarketState } from "../market/types.ts";
import { pureQuotes } from "./books.ts";
import type { Exchange } from "./exchange.ts";

export interface BookLevels {
  /** YES bids, best (highest) first. */
  bids: { price: Micros; size: Centis }[];
  /** YES asks, best (lowest) first. */
  asks: { price: Micros; size: Centis }[];
}

const EMPTY: BookLevels = { bids: [], asks: [] };

/** Book levels at t (all of them, or the best `maxLevels` per side). */
export function levelsAt(ex: Exchange, m: MarketState, t: number, maxLevels?: number): BookLevels {
  if (statusAt(m, t) !== "active") return EMPTY;
  const book = m.book;
  // The stored book is the truth only for the present; the past is answered from the model.
  if (book && t === ex.t && (m.userResting > 0 || m.bookStep === stepOf(ex.t0, t))) {
    return {
      bids: book.bids.map((l) => ({ price: l.price, size: l.total })),
      asks: book.asks.map((l) => ({ price: l.price, size: l.total })),
    };
  }
  return pureQuotes(ex, m, t, maxLevels);
}

export interface LastTrade {
  price: Micros;
  count: Centis;
  time: number;
}

/** The last trade at or before t: the later of the recorded trades and the pure tape. */
export function lastTradeAt(ex: Exchange, m: MarketState, t: number): LastTrade | undefined {
  let recorded: LastTrade | undefined;
  for (let i = m.recorded.length - 1; i >= 0; i--) {
    const r = m.recorded[i];
    if (r && r.time <= t) {
      recorded = r;
      break;
    }
  }
  let pure: LastTrade | undefined;
  let k = lastBucketAtOrBefore(m, Math.min(t, m.closeTime - 1));
  for (let tries = 0; k >= 0 && tries < 64; tries++, k--) {
    const trade = pureTrade(m, ex.t0, k, ex.pauses);
    if (trade && !isLiveAt(m, trade.time)) {
      pure = trade;
      break;
    }
  }
  if (recorded && pure) return recorded.time >= pure.time ? recorded : pure;
  return recorded ?? pure;
}

export function volumeAt(ex: Exchange, m: MarketState, t: number, from = 0): Centis {
  let extra = 0;
  for (const r of m.recorded) if (r.source !== "tape" && r.time <= t && r.time >= from) extra += r.count;
  return (tapeVolume(m, t, ex.pauses, from) + extra) as Centis;
}

/** Synthetic open interest: a per-market share of volume, in whole contracts. */
export function openInterestAt(ex: Exchange, m: MarketState, t: number): Centis {
  const share = 0.2 + 0.5 * unit(hash2(m.key, Stream.params + 7));
  const v = volumeAt(ex, m, t) / 100;
  return (Math.floor(v * share) * 100) as Centis;
}

export interface MarketView {
  status: MarketStatus;
  levels: BookLevels;
  last?: LastTrade;
  volume: Centis;
  volume24h: Centis;
  openInterest: Centis;
  previous: BookLevels;
  previousLast?: LastTrade;
}

export function viewMarket(ex: Exchange, m: MarketState, t: number): MarketView {
  const dayAgo = t - DAY;
  return {
    status: statusAt(m, t),
    levels: levelsAt(ex, m, t, 1),
    last: lastTradeAt(ex, m, t),
    volume: volumeAt(ex, m, t),
    volume24h: volumeAt(ex, m, t, dayAgo + 1),
    openInterest: openInterestAt(ex, m, t),
    previous: dayAgo >= m.openTime ? levelsAt(ex, m, dayAgo, 1) : EMPTY,
    previousLast: lastTradeAt(ex, m, dayAgo),
  };
}

export const tapeSizeOf = (m: MarketState): Centis => paramsOf(m).tape.size;
