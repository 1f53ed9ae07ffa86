/**
 * Order entry and cancellation for real users (the API), with Kalshi's rules:
 * the market must be open and trading active, the price on the market's grid, client_order_id
 * unique per user (409 otherwise), reduce_only capped by the position at placement, and enough
 * available balance for the contracts the order would newly open plus its taker fee.
 */
import { tradingFee } from "../../engine/money/fees.ts";
import { type Centis, type Micros, notional } from "../../engine/money/money.ts";
import { match, type SelfTradePrevention, type TimeInForce } from "../book/matching.ts";
import type { BookSide } from "../book/order-book.ts";
import type { Account } from "../ledger/account.ts";
import { closable, costPerContract } from "../ledger/position.ts";
import type { OrderRecord, UpdateReason } from "../ledger/records.ts";
import { statusAt } from "../market/lifecycle.ts";
import { isOnGrid } from "../market/price-grid.ts";
import type { MarketState } from "../market/types.ts";
import { ensureBookAt } from "./books.ts";
import { ApiError, badRequest, conflict, notFound } from "./errors.ts";
import type { Exchange } from "./exchange.ts";
import { applyExecutions } from "./executions.ts";

export interface OrderRequest {
  ticker: string;
  side: BookSide;
  count: Centis;
  price: Micros;
  tif: TimeInForce;
  stp: SelfTradePrevention;
  postOnly: boolean;
  reduceOnly: boolean;
  cancelOnPause: boolean;
  clientOrderId: string;
  /** ms since epoch. */
  expirationTime?: number;
}

export interface PlaceResult {
  order: OrderRecord;
  /** Sum of price × count over this placement's fills (micros), for the average fill price. */
  filledNotional: number;
  fees: number;
}

export function placeOrder(ex: Exchange, account: Account, req: OrderRequest): PlaceResult {
  const t = ex.t;
  if (!ex.tradingActive) throw badRequest("trading_is_paused", "trading is paused on the exchange");
  const m = ex.catalog.marketByTicker.get(req.ticker);
  if (!m || ex.isHistorical(m)) throw notFound("market");
  if (statusAt(m, t) !== "active")
    throw badRequest("market_closed", `market ${m.ticker} is not open for trading`);
  if (!isOnGrid(m.structure, req.price)) {
    throw badRequest("invalid_price", `price is not a valid price level for this market (${m.structure})`);
  }
  if (req.clientOrderId && account.byClientOrderId.has(req.clientOrderId)) {
    throw conflict(
      "order_already_exists",
      `an order with client_order_id ${req.clientOrderId} already exists`,
    );
  }
  if (req.expirationTime !== undefined) {
    if (req.tif === "immediate_or_cancel")
      throw badRequest("invalid_parameters", "immediate_or_cancel cannot have an expiration_time");
    if (req.expirationTime <= t) throw badRequest("invalid_parameters", "expiration_time is in the past");
  }

  const pos = account.positions.get(m.ticker)?.position ?? 0;
  const order: OrderRecord = {
    id: ex.nextId("order"),
    userId: account.userId,
    clientOrderId: req.clientOrderId,
    ticker: m.ticker,
    eventTicker: ex.catalog.eventOf(m).ticker,
    side: req.side,
    price: req.price,
    initial: req.count,
    remaining: req.count,
    filled: 0 as Centis,
    status: "resting",
    tif: req.tif,
    postOnly: req.postOnly,
    reduceOnly: req.reduceOnly,
    stp: req.stp,
    cancelOnPause: req.cancelOnPause,
    takerFillCost: 0,
    makerFillCost: 0,
    takerFees: 0,
    makerFees: 0,
    createdTime: t,
    lastUpdateTime: t,
    expirationTime: req.expirationTime,
    reserved: 0,
    feeBasis: new Map(),
    seq: account.ordersInOrder.length + 1,
  };

  if (req.reduceOnly) {
    const cap = Math.min(req.count, closable(pos, req.side));
    if (cap === 0) return finish(ex, account, m, order, "ReduceOnlyCancel", 0, 0);
    order.remaining = cap as Centis;
  }

  // Funds: the contracts this order would newly open (those not closing a position that other
  // resting orders have not already claimed) at the limit price, plus the taker fee at that price.
  if (!req.reduceOnly) {
    const claimed = account
      .restingOrders(m.ticker)
      .reduce((a, o) => a + (o.side === req.side ? o.remaining : 0), 0);
    const free = Math.max(0, closable(pos, req.side) - claimed);
    const opening = Math.max(0, order.remaining - free) as Centis;
    const fees = ex.catalog.seriesOf(m).fees;
    const required =
      notional(costPerContract(req.side, req.price), opening) +
      tradingFee(req.price, order.remaining, "taker", fees);
    if (account.available < required) {
      throw badRequest(
        "insufficient_balance",
        `insufficient balance: need ${required / 1e6} dollars available`,
      );
    }
  }

  const book = ensureBookAt(ex, m, t);
  if (!book) throw badRequest("market_closed", `market ${m.ticker} is not open for trading`);
  account.addOrder(order);
  const feesBefore = order.takerFees;
  const result = match(book, {
    id: order.id,
    owner: account.userId,
    side: order.side,
    price: order.price,
    count: order.remaining,
    tif: order.tif,
    postOnly: order.postOnly,
    stp: order.stp,
  });
  for (const maker of result.canceledMakers) cancelRecord(ex, m, maker.id, maker.owner, "SelfTradeCancel", t);
  const filledNotional = result.executions.reduce((a, e) => a + notional(e.price, e.count), 0);
  applyExecutions(ex, m, result.executions, order.side, order, "user", t);
  const fees = order.takerFees - feesBefore;
  if (result.rested) {
    ex.setResting(m, +1, t);
    if (order.expirationTime !== undefined) {
      const expiry = order.expirationTime;
      ex.jobs.push(expiry, () => {
        if (order.status === "resting") cancelResting(ex, account, m, order, "ExpiryCancel", expiry);
      });
    }
    ex.recomputeReserves(account, m);
    ex.emit({ type: "order", userId: account.userId, order });
    ex.emit({ type: "book", market: m });
    return { order, filledNotional, fees };
  }
  const reason: UpdateReason | undefined =
    result.remaining === 0
      ? undefined
      : result.cancelReason === "PostOnlyCrossCancel"
        ? "PostOnlyCrossCancel"
        : result.cancelReason === "SelfTradeCancel"
          ? "SelfTradeCancel"
          : undefined;
  return finish(ex, account, m, order, reason, filledNotional, fees);
}

/** Closes a non-resting order: executed if fully filled, otherwise cancelled. */
function finish(
  ex: Exchange,
  account: Account,
  m: MarketState,
  order: OrderRecord,
  reason: UpdateReason | undefined,
  filledNotional: number,
  fees: number,
): PlaceResult {
  if (!account.orders.has(order.id)) account.addOrder(order);
  if (order.remaining === 0 && order.filled > 0) {
    order.status = "executed";
  } else {
    order.status = "canceled";
    order.remaining = 0 as Centis;
    order.lastUpdateReason = reason ?? order.lastUpdateReason;
  }
  order.lastUpdateTime = ex.t;
  ex.recomputeReserves(account, m);
  ex.emit({ type: "order", userId: account.userId, order });
  return { order, filledNotional, fees };
}

/** Cancels a resting order record (and removes it from the book). Returns the count removed. */
export function cancelResting(
  ex: Exchange,
  account: Account,
  m: MarketState,
  order: OrderRecord,
  reason: UpdateReason,
  time: number,
): Centis {
  if (order.status !== "resting") return 0 as Centis;
  const removed = order.remaining;
  m.book?.remove(order.id);
  order.status = "canceled";
  order.remaining = 0 as Centis;
  order.lastUpdateReason = reason;
  order.lastUpdateTime = time;
  ex.setResting(m, -1, time);
  ex.recomputeReserves(account, m);
  ex.emit({ type: "order", userId: account.userId, order });
  ex.emit({ type: "book", market: m });
  return removed;
}

/** Cancels by order id after a self-trade-prevention removal from the book. */
function cancelRecord(
  ex: Exchange,
  m: MarketState,
  orderId: string,
  owner: string,
  reason: UpdateReason,
  time: number,
): void {
  const account = ex.accounts.get(owner);
  const order = account?.orders.get(orderId);
  if (!account || !order || order.status !== "resting") return;
  cancelResting(ex, account, m, order, reason, time);
}

export function cancelOrder(
  ex: Exchange,
  account: Account,
  orderId: string,
): { order: OrderRecord; reducedBy: Centis } {
  const order = account.orders.get(orderId);
  if (!order) throw notFound("order");
  const m = ex.catalog.marketByTicker.get(order.ticker);
  if (!m) throw notFound("market");
  ensureBookAt(ex, m, ex.t);
  if (order.status !== "resting")
    throw new ApiError(404, "not_found", `order ${orderId} is not resting (status ${order.status})`);
  const reducedBy = cancelResting(ex, account, m, order, "Decrease", ex.t);
  return { order, reducedBy };
}
