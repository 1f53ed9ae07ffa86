/** Orders, fills, positions, settlements and balance in the SDK's model shapes. */
import { type Centis, notional } from "../../../engine/money/money.ts";
import { count, dollars, isoSeconds, unixSeconds } from "../../core/format.ts";
import type { Exchange } from "../../exchange/exchange.ts";
import { levelsAt } from "../../exchange/market-view.ts";
import type { Account } from "../../ledger/account.ts";
import type { Position } from "../../ledger/position.ts";
import type { FillRecord, OrderRecord, SettlementRecord } from "../../ledger/records.ts";

const ONE = 1_000_000;

/**
 * Legacy direction fields. A V2 `bid` is buy-YES; a V2 `ask` sells YES, which the legacy
 * vocabulary writes as side "yes", action "sell" (unconfirmed: Kalshi may write buy-NO instead;
 * both mean the same exposure, and clients should read outcome_side / book_side).
 */
export const legacySide = (side: "bid" | "ask") =>
  side === "bid" ? ({ side: "yes", action: "buy" } as const) : ({ side: "yes", action: "sell" } as const);
export const outcomeSide = (side: "bid" | "ask"): "yes" | "no" => (side === "bid" ? "yes" : "no");

export function orderJson(o: OrderRecord): Record<string, unknown> {
  return {
    order_id: o.id,
    user_id: o.userId,
    client_order_id: o.clientOrderId,
    ticker: o.ticker,
    ...legacySide(o.side),
    outcome_side: outcomeSide(o.side),
    book_side: o.side,
    type: "limit",
    status: o.status,
    yes_price_dollars: dollars(o.price),
    no_price_dollars: dollars(ONE - o.price),
    fill_count_fp: count(o.filled),
    remaining_count_fp: count(o.remaining),
    initial_count_fp: count(o.initial),
    taker_fill_cost_dollars: dollars(o.takerFillCost),
    maker_fill_cost_dollars: dollars(o.makerFillCost),
    taker_fees_dollars: dollars(o.takerFees),
    maker_fees_dollars: dollars(o.makerFees),
    expiration_time: o.expirationTime !== undefined ? isoSeconds(o.expirationTime) : null,
    created_time: isoSeconds(o.createdTime),
    last_update_time: isoSeconds(o.lastUpdateTime),
    self_trade_prevention_type: o.stp,
    cancel_order_on_pause: o.cancelOnPause,
    subaccount_number: 0,
    exchange_index: 0,
  };
}

export function fillJson(f: FillRecord): Record<string, unknown> {
  return {
    fill_id: f.fillId,
    exchange_index: 0,
    trade_id: f.tradeId,
    order_id: f.orderId,
    ticker: f.ticker,
    market_ticker: f.ticker,
    ...legacySide(f.side),
    outcome_side: outcomeSide(f.side),
    book_side: f.side,
    count_fp: count(f.count),
    yes_price_dollars: dollars(f.price),
    no_price_dollars: dollars(ONE - f.price),
    is_taker: f.isTaker,
    created_time: isoSeconds(f.time),
    fee_cost: dollars(f.fee),
    subaccount_number: 0,
    ts: unixSeconds(f.time),
  };
}

export function positionJson(p: Position): Record<string, unknown> {
  return {
    ticker: p.ticker,
    exchange_index: 0,
    total_traded_dollars: dollars(p.totalTraded),
    position_fp: count(p.position),
    market_exposure_dollars: dollars(p.cost),
    realized_pnl_dollars: dollars(p.realizedPnl),
    fees_paid_dollars: dollars(p.feesPaid),
    last_updated_ts: isoSeconds(p.lastUpdated),
  };
}

export function eventPositionsJson(positions: readonly Position[]): Record<string, unknown>[] {
  const byEvent = new Map<string, Position[]>();
  for (const p of positions) {
    const list = byEvent.get(p.eventTicker) ?? [];
    list.push(p);
    byEvent.set(p.eventTicker, list);
  }
  return [...byEvent].map(([eventTicker, list]) => {
    const sum = (f: (p: Position) => number) => list.reduce((a, p) => a + f(p), 0);
    return {
      event_ticker: eventTicker,
      total_cost_dollars: dollars(sum((p) => p.cost)),
      total_cost_shares_fp: count(sum((p) => Math.abs(p.position))),
      event_exposure_dollars: dollars(sum((p) => p.cost)),
      realized_pnl_dollars: dollars(sum((p) => p.realizedPnl)),
      fees_paid_dollars: dollars(sum((p) => p.feesPaid)),
    };
  });
}

export function settlementJson(s: SettlementRecord): Record<string, unknown> {
  return {
    ticker: s.ticker,
    exchange_index: 0,
    event_ticker: s.eventTicker,
    market_result: s.result,
    yes_count_fp: count(s.yesCount),
    yes_total_cost_dollars: dollars(s.yesCost),
    no_count_fp: count(s.noCount),
    no_total_cost_dollars: dollars(s.noCost),
    revenue: Math.round(s.payout / 10_000),
    settled_time: isoSeconds(s.time),
    fee_cost: dollars(s.fee),
    value: s.result === "yes" ? 100 : 0,
  };
}

/** Mark-to-market value of open positions (YES at the best YES bid, NO at the best NO bid). */
export function portfolioValue(ex: Exchange, a: Account): number {
  let total = 0;
  for (const p of a.positions.values()) {
    if (p.position === 0) continue;
    const m = ex.catalog.marketByTicker.get(p.ticker);
    if (!m) continue;
    const levels = levelsAt(ex, m, ex.t, 1);
    const price = p.position > 0 ? (levels.bids[0]?.price ?? 0) : ONE - (levels.asks[0]?.price ?? ONE);
    total += notional(price as never, Math.abs(p.position) as Centis);
  }
  return total;
}

export function balanceJson(ex: Exchange, a: Account): Record<string, unknown> {
  const available = a.available;
  const balanceDollars = dollars(available);
  return {
    balance: Math.floor(available / 10_000),
    balance_dollars: balanceDollars,
    portfolio_value: Math.floor(portfolioValue(ex, a) / 10_000),
    updated_ts: unixSeconds(a.updatedTime),
    balance_breakdown: [{ exchange_index: 0, balance: balanceDollars }],
  };
}
