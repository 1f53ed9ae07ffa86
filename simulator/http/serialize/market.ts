/** Market → the SDK's `Market` model, field for field, fixed-point strings as Kalshi emits them. */
import { count, dollars, isoSeconds } from "../../core/format.ts";
import type { Exchange } from "../../exchange/exchange.ts";
import { type MarketView, viewMarket } from "../../exchange/market-view.ts";
import { finalizedTime, resultAt } from "../../market/lifecycle.ts";
import { priceRanges } from "../../market/price-grid.ts";
import type { MarketState } from "../../market/types.ts";

const ONE = 1_000_000;

function top(view: MarketView["levels"]) {
  const bid = view.bids[0];
  const ask = view.asks[0];
  // An empty side reads as bid $0 / ask $1, which is what no liquidity means for a binary contract.
  return { bid: bid?.price ?? 0, bidSize: bid?.size ?? 0, ask: ask?.price ?? ONE, askSize: ask?.size ?? 0 };
}

/** Fields that change only when a market's times change; formatted once (listings are hot). */
function staticFields(ex: Exchange, m: MarketState): Record<string, unknown> {
  const key = `${m.updatedTime}|${m.openTime}|${m.closeTime}|${m.determinationTime}|${m.settlementTimerMs}`;
  if (m.staticJson?.key === key) return m.staticJson.fields;
  const fields = {
    ticker: m.ticker,
    event_ticker: ex.catalog.eventOf(m).ticker,
    market_type: "binary",
    title: m.title,
    subtitle: "",
    yes_sub_title: m.yesSubTitle,
    no_sub_title: m.noSubTitle,
    created_time: isoSeconds(m.createdTime),
    updated_time: isoSeconds(m.updatedTime),
    open_time: isoSeconds(m.openTime),
    close_time: isoSeconds(m.closeTime),
    expected_expiration_time: isoSeconds(m.determinationTime),
    expiration_time: isoSeconds(m.determinationTime),
    latest_expiration_time: isoSeconds(m.latestExpirationTime),
    settlement_timer_seconds: Math.round(m.settlementTimerMs / 1000),
  };
  m.staticJson = { key, fields };
  return fields;
}

export function marketJson(ex: Exchange, m: MarketState, t = ex.t): Record<string, unknown> {
  const view = viewMarket(ex, m, t);
  const q = top(view.levels);
  const prev = top(view.previous);
  const result = resultAt(m, ex.t0, t);
  const settled = view.status === "finalized";
  const json: Record<string, unknown> = {
    ...staticFields(ex, m),
    status: view.status,
    yes_bid_dollars: dollars(q.bid),
    yes_bid_size_fp: count(q.bidSize),
    yes_ask_dollars: dollars(q.ask),
    yes_ask_size_fp: count(q.askSize),
    no_bid_dollars: dollars(ONE - q.ask),
    no_ask_dollars: dollars(ONE - q.bid),
    last_price_dollars: dollars(view.last?.price ?? 0),
    volume_fp: count(view.volume),
    volume_24h_fp: count(view.volume24h),
    result,
    can_close_early: true,
    open_interest_fp: count(view.openInterest),
    notional_value_dollars: dollars(ONE),
    previous_yes_bid_dollars: dollars(prev.bid),
    previous_yes_ask_dollars: dollars(prev.ask),
    previous_price_dollars: dollars(view.previousLast?.price ?? 0),
    liquidity_dollars: "0.0000",
    expiration_value: "",
    strike_type: m.strikeType,
    floor_strike: m.floorStrike,
    rules_primary: m.rulesPrimary,
    rules_secondary: "",
    price_level_structure: m.structure,
    price_ranges: priceRanges(m.structure),
    is_provisional: false,
    exchange_index: 0,
  };
  if (result !== "") json.settlement_value_dollars = result === "yes" ? "1.0000" : "0.0000";
  if (settled) json.settlement_ts = isoSeconds(finalizedTime(m));
  return json;
}
