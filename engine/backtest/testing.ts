/**
 * Observations for tests and benchmarks: a market quoted with deep top-of-book on both sides, so
 * the scanner's depth checks pass at the default MIN_LIQUIDITY.
 */
import type { Observation } from "./sources/types.ts";

export interface QuoteSpec {
  /** YES bid and ask in micros. */
  yesBid: number;
  yesAsk: number;
  status?: string;
  result?: "yes" | "no" | "";
  /** Centis at the best bid and at the best ask (default 5,000 contracts each). */
  size?: number;
}

export function observation(
  ticker: string,
  at: number | string,
  closeTime: number | string,
  q: QuoteSpec,
): Observation {
  const size = q.size ?? 500_000;
  return {
    at: typeof at === "number" ? at : Date.parse(at),
    data: {
      ticker,
      eventTicker: `${ticker}-EV`,
      seriesTicker: ticker.split("-")[0] ?? ticker,
      title: `Will ${ticker} happen?`,
      subtitle: "",
      category: "Test",
      status: q.status ?? "active",
      closeTime: new Date(closeTime).toISOString(),
      yesBid: q.yesBid,
      yesAsk: q.yesAsk,
      noBid: 1_000_000 - q.yesAsk,
      noAsk: 1_000_000 - q.yesBid,
      yesBidSize: size,
      yesAskSize: size,
      lastPrice: q.yesBid,
      volume: 1_000_000,
      openInterest: 100_000,
      result: q.result ?? "",
      rules: "",
      canCloseEarly: false,
    },
  };
}
