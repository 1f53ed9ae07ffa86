import type { EventInput } from "../../events/catalog/index.ts";
import type { Market } from "../exchange/types.ts";

export interface EventInfo {
  seriesTicker: string;
  category: string;
}

export type MarketObservation = EventInput<"MarketObserved">;

/** A market as the exchange reports it, in the shape of a MarketObserved event. */
export function observe(market: Market, info: EventInfo | undefined): MarketObservation {
  return {
    ticker: market.ticker,
    eventTicker: market.eventTicker,
    seriesTicker: info?.seriesTicker ?? market.eventTicker.split("-")[0] ?? market.eventTicker,
    title: market.title,
    subtitle: market.subtitle,
    category: info?.category || "Uncategorized",
    status: market.status,
    closeTime: new Date(market.closeTime).toISOString(),
    yesBid: market.yesBid,
    yesAsk: market.yesAsk,
    noBid: market.noBid,
    noAsk: market.noAsk,
    yesBidSize: market.yesBidSize,
    yesAskSize: market.yesAskSize,
    lastPrice: market.lastPrice,
    volume: market.volume,
    openInterest: market.openInterest,
    result: market.result,
    rules: market.rulesPrimary,
    canCloseEarly: market.canCloseEarly,
  };
}

/**
 * What counts as a change worth an event: price, size, status or close time (and the result).
 * Volume and open interest alone do not: they tick with every trade and would flood the log.
 */
export function fingerprint(o: {
  yesBid: number | null;
  yesAsk: number | null;
  noBid: number | null;
  noAsk: number | null;
  yesBidSize: number | null;
  yesAskSize: number | null;
  lastPrice: number | null;
  status: string;
  closeTime: string;
  result?: string;
}): string {
  return [
    o.yesBid,
    o.yesAsk,
    o.noBid,
    o.noAsk,
    o.yesBidSize,
    o.yesAskSize,
    o.lastPrice,
    o.status,
    new Date(o.closeTime).getTime(),
    o.result ?? "",
  ].join("|");
}
