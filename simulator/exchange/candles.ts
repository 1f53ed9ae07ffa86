/**
 * Candlesticks (1 minute, 1 hour, 1 day) from the model: YES bid/ask OHLC sampled from the
 * makers' quotes (at most 60 samples a candle), trade-price OHLC, mean and volume from the
 * market's trades in the period.
 */
import { type Centis, divRound } from "../../engine/money/money.ts";
import { MINUTE } from "../core/durations.ts";
import type { MarketState } from "../market/types.ts";
import { badRequest } from "./errors.ts";
import type { Exchange } from "./exchange.ts";
import { levelsAt, openInterestAt } from "./market-view.ts";
import { tradesNewestFirst } from "./trades.ts";

export interface Ohlc {
  open: number;
  low: number;
  high: number;
  close: number;
}

export interface Candle {
  endPeriodTs: number;
  yesBid: Ohlc;
  yesAsk: Ohlc;
  price: (Ohlc & { mean: number }) | null;
  previous: number | null;
  volume: Centis;
  openInterest: Centis;
}

export const PERIODS = [1, 60, 1440] as const;
export const MAX_CANDLES = 5000;

const ohlc = (xs: number[]): Ohlc => ({
  open: xs[0] ?? 0,
  close: xs[xs.length - 1] ?? 0,
  low: Math.min(...xs),
  high: Math.max(...xs),
});

/** Candles ending in [startTs, endTs] (unix seconds), within the market's trading life. */
export function candles(
  ex: Exchange,
  m: MarketState,
  startTs: number,
  endTs: number,
  periodMin: number,
  upTo = ex.t,
): Candle[] {
  if (endTs < startTs) throw badRequest("invalid_parameters", "end_ts must not be before start_ts");
  const periodMs = periodMin * MINUTE;
  const lifeEnd = Math.min(m.closeTime, upTo);
  const firstEnd =
    Math.max(Math.ceil((startTs * 1000) / periodMs), Math.ceil((m.openTime + 1) / periodMs)) * periodMs;
  const lastEnd = Math.min(
    Math.floor((endTs * 1000) / periodMs) * periodMs,
    Math.ceil(lifeEnd / periodMs) * periodMs,
  );
  if (lastEnd < firstEnd) return [];
  if ((lastEnd - firstEnd) / periodMs + 1 > MAX_CANDLES) {
    throw badRequest("invalid_parameters", `too many candlesticks requested (max ${MAX_CANDLES})`);
  }
  // Trades of the whole range, oldest first.
  const trades = [...tradesNewestFirst(ex, m, firstEnd - periodMs + 1, Math.min(lastEnd, lifeEnd))].reverse();
  const before = tradesNewestFirst(ex, m, m.openTime, firstEnd - periodMs).next();
  let previous: number | null = before.done ? null : before.value.price;
  let ti = 0;
  const out: Candle[] = [];
  const sampleEvery = Math.max(MINUTE, Math.floor(periodMs / 60 / MINUTE) * MINUTE);
  for (let end = firstEnd; end <= lastEnd; end += periodMs) {
    const start = end - periodMs;
    const bids: number[] = [];
    const asks: number[] = [];
    for (let s = Math.max(start, m.openTime); s <= Math.min(end, lifeEnd - 1); s += sampleEvery) {
      const lv = levelsAt(ex, m, s, 1);
      bids.push(lv.bids[0]?.price ?? 0);
      asks.push(lv.asks[0]?.price ?? 1_000_000);
    }
    if (bids.length === 0) {
      bids.push(0);
      asks.push(1_000_000);
    }
    const inPeriod: { price: number; count: number }[] = [];
    while (ti < trades.length && (trades[ti]?.time ?? 0) <= end) {
      const tr = trades[ti];
      if (tr && tr.time > start) inPeriod.push(tr);
      ti++;
    }
    const volume = inPeriod.reduce((a, tr) => a + tr.count, 0);
    let price: Candle["price"] = null;
    if (inPeriod.length > 0) {
      const weighted = inPeriod.reduce((a, tr) => a + tr.price * tr.count, 0);
      // Volume-weighted mean, rounded to $0.0001 with integer arithmetic.
      const mean = Number(divRound(BigInt(weighted), BigInt(volume * 100), "half-up")) * 100;
      price = { ...ohlc(inPeriod.map((tr) => tr.price)), mean };
    }
    out.push({
      endPeriodTs: Math.floor(end / 1000),
      yesBid: ohlc(bids),
      yesAsk: ohlc(asks),
      price,
      previous,
      volume: volume as Centis,
      openInterest: openInterestAt(ex, m, Math.min(end, upTo)),
    });
    if (price) previous = price.close;
  }
  return out;
}
