/** Series, events and public trades in the SDK's model shapes. */
import { count, dollars, isoSeconds } from "../../core/format.ts";
import type { Exchange } from "../../exchange/exchange.ts";
import { volumeAt } from "../../exchange/market-view.ts";
import type { EventDef, SeriesDef, TradeRecord } from "../../market/types.ts";

export function seriesJson(ex: Exchange, s: SeriesDef, includeVolume: boolean): Record<string, unknown> {
  const json: Record<string, unknown> = {
    ticker: s.ticker,
    frequency: s.frequency,
    title: s.title,
    category: s.category,
    categories: [s.category],
    tags: s.tags,
    settlement_sources: [{ name: "Kalshi simulator", url: "http://127.0.0.1/sim" }],
    contract_url: `https://kalshi.com/sim/contracts/${s.ticker}.pdf`,
    contract_terms_url: `https://kalshi.com/sim/terms/${s.ticker}.pdf`,
    fee_type: s.feeType,
    fee_multiplier: s.feeMultiplier,
    additional_prohibitions: [],
    last_updated_ts: isoSeconds(s.createdTime),
    exchange_index: 0,
  };
  if (includeVolume) {
    let v = 0;
    for (const i of s.markets) {
      const m = ex.catalog.markets[i];
      if (m) v += volumeAt(ex, m, ex.t);
    }
    json.volume_fp = count(v);
  }
  return json;
}

export function eventJson(
  ex: Exchange,
  e: EventDef,
  markets?: Record<string, unknown>[],
): Record<string, unknown> {
  const series = ex.catalog.series[e.seriesIndex];
  const json: Record<string, unknown> = {
    event_ticker: e.ticker,
    series_ticker: series?.ticker ?? "",
    sub_title: e.subTitle,
    title: e.title,
    collateral_return_type: "",
    mutually_exclusive: e.mutuallyExclusive,
    category: series?.category ?? "",
    strike_date: isoSeconds(e.strikeDate),
    settlement_sources: [{ name: "Kalshi simulator", url: "http://127.0.0.1/sim" }],
    last_updated_ts: isoSeconds(series?.createdTime ?? e.strikeDate),
    exchange_index: 0,
  };
  if (markets) json.markets = markets;
  return json;
}

export function tradeJson(
  t: Pick<TradeRecord, "id" | "ticker" | "price" | "count" | "takerBookSide" | "time">,
): Record<string, unknown> {
  const outcome = t.takerBookSide === "bid" ? "yes" : "no";
  return {
    trade_id: t.id,
    ticker: t.ticker,
    count_fp: count(t.count),
    yes_price_dollars: dollars(t.price),
    no_price_dollars: dollars(1_000_000 - t.price),
    taker_side: outcome,
    taker_outcome_side: outcome,
    taker_book_side: t.takerBookSide,
    created_time: isoSeconds(t.time),
    is_block_trade: false,
  };
}
