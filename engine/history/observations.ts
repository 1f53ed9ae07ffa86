/**
 * From what the exchange reports about a settled market (the market object, its candlesticks and
 * trades) to observations a backtest can replay. Pure.
 *
 * Leakage: each candle becomes ONE observation stamped at the END of its period, holding the
 * period's closing quotes: that is when those quotes were known. Stamping it at the start would let
 * a backtest see a price before it happened.
 */
import type { EventData } from "../../events/catalog/index.ts";
import type { Candlestick, Market, Trade } from "../exchange/types.ts";
import { type EventInfo, observe } from "../market-data/observation.ts";
import { PAYOUT_PER_CONTRACT as ONE_DOLLAR } from "../money/money.ts";
import type { HistoryMarket, HistoryObservation, HistoryTrade } from "./format.ts";

export type CandlePeriod = 1 | 60 | 1440;

export function historyMarket(
  market: Market,
  info: EventInfo | undefined,
  period: CandlePeriod,
): HistoryMarket {
  const base = observe(market, info);
  return {
    ticker: market.ticker,
    eventTicker: market.eventTicker,
    seriesTicker: base.seriesTicker,
    category: base.category,
    title: market.title,
    openTime: market.openTime,
    closeTime: market.closeTime,
    settlementTime: market.settlementTime,
    result: market.result,
    settlementValue: market.settlementValue,
    periodMinutes: period,
  };
}

/** A bid of 0 or an ask of $1 is Kalshi's way of saying "none". */
const bidOrNull = (p: number | null) => (p === null || p <= 0 ? null : p);
const askOrNull = (p: number | null) => (p === null || p >= ONE_DOLLAR ? null : p);

export function buildObservations(
  market: Market,
  info: EventInfo | undefined,
  candles: readonly Candlestick[],
): HistoryObservation[] {
  const base = observe(market, info);
  const data = (over: Partial<EventData<"MarketObserved">>): EventData<"MarketObserved"> => ({
    ticker: base.ticker,
    eventTicker: base.eventTicker,
    seriesTicker: base.seriesTicker,
    title: base.title,
    subtitle: base.subtitle ?? "",
    category: base.category,
    status: "active",
    closeTime: base.closeTime,
    yesBid: null,
    yesAsk: null,
    noBid: null,
    noAsk: null,
    yesBidSize: null,
    yesAskSize: null,
    lastPrice: null,
    volume: 0,
    openInterest: 0,
    result: "",
    rules: base.rules ?? "",
    canCloseEarly: base.canCloseEarly ?? false,
    ...over,
  });
  const out: HistoryObservation[] = [];
  let volume = 0;
  let last: number | null = null;
  let lastAt = Number.NEGATIVE_INFINITY;
  for (const c of [...candles].sort((a, b) => a.endPeriodTime - b.endPeriodTime)) {
    if (c.endPeriodTime <= lastAt) continue; // overlapping request windows: each period once
    lastAt = c.endPeriodTime;
    volume += c.volume;
    last = c.price.close ?? c.price.previous ?? last;
    const yesBid = bidOrNull(c.yesBid.close);
    const yesAsk = askOrNull(c.yesAsk.close);
    out.push({
      at: c.endPeriodTime,
      data: data({
        status: c.endPeriodTime < market.closeTime ? "active" : "closed",
        yesBid,
        yesAsk,
        noBid: yesAsk === null ? null : ONE_DOLLAR - yesAsk,
        noAsk: yesBid === null ? null : ONE_DOLLAR - yesBid,
        lastPrice: last,
        volume,
        openInterest: c.openInterest,
      }),
    });
  }
  // The settlement: the market's result, at the moment it was known.
  const settledAt = Math.max(market.settlementTime ?? market.closeTime, lastAt + 1);
  out.push({
    at: settledAt,
    data: data({
      status: "finalized",
      lastPrice: market.settlementValue ?? last,
      volume,
      openInterest: 0,
      result: market.result,
    }),
  });
  return out;
}

export function historyTrades(trades: readonly Trade[]): HistoryTrade[] {
  // Pages may overlap when a listing moves under the cursor: each trade once, by its id.
  const unique = new Map(trades.map((t) => [t.tradeId, t]));
  return [...unique.values()]
    .sort((a, b) => a.createdTime - b.createdTime || a.tradeId.localeCompare(b.tradeId))
    .map((t) => ({
      tradeId: t.tradeId,
      at: t.createdTime,
      yesPrice: t.yesPrice,
      count: t.count,
      takerSide: t.takerOutcomeSide,
    }));
}
