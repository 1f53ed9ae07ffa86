/**
 * Public trades of a market, newest first: recorded trades (real users, and the tape while the
 * book was live) merged with the pure model tape for the rest of the market's life.
 */
import type { Centis, Micros } from "../../engine/money/money.ts";
import { pureTradesNewestFirst } from "../market/tape.ts";
import type { MarketState } from "../market/types.ts";
import type { Exchange } from "./exchange.ts";

export interface PublicTrade {
  id: string;
  ticker: string;
  price: Micros;
  count: Centis;
  takerBookSide: "bid" | "ask";
  time: number;
}

/** Trades with time in [from, to], newest first. */
export function* tradesNewestFirst(
  ex: Exchange,
  m: MarketState,
  from: number,
  to: number,
): Generator<PublicTrade> {
  const recorded = m.recorded.filter((r) => r.time >= from && r.time <= to);
  let ri = recorded.length - 1;
  const pure = pureTradesNewestFirst(m, ex.t0, from, to, ex.pauses)[Symbol.iterator]();
  let p = pure.next();
  while (ri >= 0 || !p.done) {
    const r = recorded[ri];
    if (r && (p.done || r.time >= p.value.time)) {
      yield r;
      ri--;
    } else if (!p.done) {
      yield { ...p.value, ticker: m.ticker };
      p = pure.next();
    }
  }
}
