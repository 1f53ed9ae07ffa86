/**
 * Turns matching-engine executions into what the world sees: public trades on the tape, and for
 * real users fills, fees (per order and price, rounded up once as Kalshi does), order updates,
 * position changes and released reservations.
 */
import { tradingFee } from "../../engine/money/fees.ts";
import { type Centis, type Micros, notional } from "../../engine/money/money.ts";
import type { Execution } from "../book/matching.ts";
import { type BookSide, isSimulated } from "../book/order-book.ts";
import type { Account } from "../ledger/account.ts";
import { costPerContract } from "../ledger/position.ts";
import type { OrderRecord } from "../ledger/records.ts";
import type { MarketState } from "../market/types.ts";
import type { Exchange } from "./exchange.ts";

export type TradeSource = "user" | "maker" | "tape";

/** Fee for `count` more contracts of `order` at `price`, rounding the order's total once. */
function incrementalFee(
  ex: Exchange,
  m: MarketState,
  order: OrderRecord,
  price: Micros,
  count: Centis,
  taker: boolean,
): number {
  const liquidity = taker ? "taker" : "maker";
  const key = `${liquidity}:${price}`;
  const before = order.feeBasis.get(key) ?? (0 as Centis);
  const after = (before + count) as Centis;
  order.feeBasis.set(key, after);
  const schedule = ex.catalog.seriesOf(m).fees;
  return tradingFee(price, after, liquidity, schedule) - tradingFee(price, before, liquidity, schedule);
}

/** Books a fill on a user's order. The order's `remaining` is reduced here. */
export function fillOrder(
  ex: Exchange,
  m: MarketState,
  account: Account,
  order: OrderRecord,
  price: Micros,
  count: Centis,
  taker: boolean,
  time: number,
): void {
  const fee = incrementalFee(ex, m, order, price, count, taker);
  const cost = notional(costPerContract(order.side, price), count);
  order.filled = (order.filled + count) as Centis;
  order.remaining = (order.remaining - count) as Centis;
  if (taker) {
    order.takerFillCost += cost;
    order.takerFees += fee;
  } else {
    order.makerFillCost += cost;
    order.makerFees += fee;
  }
  order.lastUpdateTime = time;
  order.lastUpdateReason = "Trade";
  const id = ex.nextId("fill");
  const fill = account.fill(
    {
      fillId: id,
      tradeId: id,
      orderId: order.id,
      clientOrderId: order.clientOrderId,
      userId: account.userId,
      ticker: m.ticker,
      side: order.side,
      price,
      count,
      isTaker: taker,
      fee,
      time,
    },
    ex.catalog.eventOf(m).ticker,
    order.side,
  );
  if (!taker && order.remaining === 0) {
    order.status = "executed";
    ex.setResting(m, -1, time);
  }
  ex.emit({ type: "fill", userId: account.userId, fill, order });
  ex.emit({ type: "position", userId: account.userId, ticker: m.ticker });
}

/**
 * Applies executions of one incoming order. `takerOrder` is the user's order record when the
 * taker is a real user; synthetic takers (makers re-quoting, the tape) pass undefined.
 */
export function applyExecutions(
  ex: Exchange,
  m: MarketState,
  executions: readonly Execution[],
  takerSide: BookSide,
  takerOrder: OrderRecord | undefined,
  source: TradeSource,
  time: number,
): void {
  const touched = new Set<Account>();
  for (const e of executions) {
    const trade = {
      id: ex.nextId("trade"),
      ticker: m.ticker,
      price: e.price,
      count: e.count,
      takerBookSide: takerSide,
      time,
      source,
    };
    m.recorded.push(trade);
    if (source !== "tape") m.extraVolume = (m.extraVolume + e.count) as Centis;
    ex.emit({ type: "trade", market: m, trade });
    if (takerOrder) {
      const account = ex.account(takerOrder.userId);
      fillOrder(ex, m, account, takerOrder, e.price, e.count, true, time);
      touched.add(account);
    }
    if (!isSimulated(e.maker.owner)) {
      const account = ex.account(e.maker.owner);
      const makerOrder = account.orders.get(e.maker.id);
      if (makerOrder) {
        fillOrder(ex, m, account, makerOrder, e.price, e.count, false, time);
        ex.emit({ type: "order", userId: account.userId, order: makerOrder });
        touched.add(account);
      }
    }
  }
  for (const account of touched) ex.recomputeReserves(account, m);
  if (executions.length > 0) ex.emit({ type: "book", market: m });
}
