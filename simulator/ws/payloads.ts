/** WebSocket message bodies, in the AsyncAPI spec's field names. */
import { type Centis, notional } from "../../engine/money/money.ts";
import { count, dollars, dollars6, isoSeconds, unixSeconds } from "../core/format.ts";
import type { Exchange } from "../exchange/exchange.ts";
import { viewMarket } from "../exchange/market-view.ts";
import { legacySide, outcomeSide } from "../http/serialize/portfolio.ts";
import type { Position } from "../ledger/position.ts";
import type { FillRecord, OrderRecord } from "../ledger/records.ts";
import type { MarketState } from "../market/types.ts";

/** Ticker fields without timestamps, for change detection. */
export function tickerCore(ex: Exchange, m: MarketState): Record<string, unknown> {
  const v = viewMarket(ex, m, ex.t);
  const bid = v.levels.bids[0];
  const ask = v.levels.asks[0];
  const price = v.last?.price ?? 0;
  return {
    market_id: ex.marketId(m),
    market_ticker: m.ticker,
    price_dollars: dollars(price),
    yes_bid_dollars: dollars(bid?.price ?? 0),
    yes_ask_dollars: dollars(ask?.price ?? 1_000_000),
    volume_fp: count(v.volume),
    open_interest_fp: count(v.openInterest),
    // Whole-dollar notionals at the last price (Kalshi: signed whole-dollar values).
    dollar_volume: Math.floor(notional(price as never, v.volume) / 1_000_000),
    dollar_open_interest: Math.floor(notional(price as never, v.openInterest) / 1_000_000),
    yes_bid_size_fp: count(bid?.size ?? 0),
    yes_ask_size_fp: count(ask?.size ?? 0),
    last_trade_size_fp: count(v.last?.count ?? (0 as Centis)),
  };
}

export const withTimes = (core: Record<string, unknown>, t: number): Record<string, unknown> => ({
  ...core,
  ts: unixSeconds(t),
  ts_ms: t,
  time: isoSeconds(t),
});

export function fillPayload(f: FillRecord): Record<string, unknown> {
  const legacy = legacySide(f.side);
  return {
    trade_id: f.tradeId,
    order_id: f.orderId,
    // Optional in the spec: present only when the order had one.
    ...(f.clientOrderId ? { client_order_id: f.clientOrderId } : {}),
    market_ticker: f.ticker,
    exchange_index: 0,
    is_taker: f.isTaker,
    side: legacy.side,
    yes_price_dollars: dollars(f.price),
    count_fp: count(f.count),
    fee_cost: dollars6(f.fee),
    action: legacy.action,
    ts: unixSeconds(f.time),
    ts_ms: f.time,
    post_position_fp: count(f.postPosition),
    purchased_side: outcomeSide(f.side),
    outcome_side: outcomeSide(f.side),
    book_side: f.side,
    subaccount: 0,
  };
}

export function userOrderPayload(o: OrderRecord): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    order_id: o.id,
    user_id: o.userId,
    ticker: o.ticker,
    exchange_index: 0,
    status: o.status,
    side: legacySide(o.side).side,
    is_yes: o.side === "bid",
    outcome_side: outcomeSide(o.side),
    book_side: o.side,
    yes_price_dollars: dollars(o.price),
    fill_count_fp: count(o.filled),
    remaining_count_fp: count(o.remaining),
    initial_count_fp: count(o.initial),
    taker_fill_cost_dollars: dollars6(o.takerFillCost),
    maker_fill_cost_dollars: dollars6(o.makerFillCost),
    taker_fees_dollars: dollars6(o.takerFees),
    maker_fees_dollars: dollars6(o.makerFees),
    client_order_id: o.clientOrderId,
    self_trade_prevention_type: o.stp,
    created_time: isoSeconds(o.createdTime),
    created_ts_ms: o.createdTime,
    last_update_time: isoSeconds(o.lastUpdateTime),
    last_updated_ts_ms: o.lastUpdateTime,
    subaccount_number: 0,
  };
  if (o.lastUpdateReason) payload.last_update_reason = o.lastUpdateReason;
  if (o.expirationTime !== undefined) {
    payload.expiration_time = isoSeconds(o.expirationTime);
    payload.expiration_ts_ms = o.expirationTime;
  }
  return payload;
}

export function positionPayload(userId: string, p: Position): Record<string, unknown> {
  return {
    user_id: userId,
    market_ticker: p.ticker,
    position_fp: count(p.position),
    position_cost_dollars: dollars(p.cost),
    realized_pnl_dollars: dollars(p.realizedPnl),
    fees_paid_dollars: dollars(p.feesPaid),
    position_fee_cost_dollars: dollars(p.feesPaid),
    volume_fp: count(p.volume),
    subaccount: 0,
  };
}
