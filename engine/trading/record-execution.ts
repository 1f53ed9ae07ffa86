import type { PendingEvent } from "../../events/event-store.ts";
import type { Side, TimeInForce } from "../exchange/types.ts";
import type { ExecutionReport } from "../execution/broker.ts";
import type { Centis, Micros } from "../money/money.ts";
import { deterministicId } from "../time/random.ts";

export interface OrderFacts {
  tradeId: string;
  ticker: string;
  side: Side;
  action: "buy" | "sell";
  purpose: "entry" | "stop_loss" | "manual_close";
  count: Centis;
  limitPrice: Micros;
  timeInForce: TimeInForce;
  mode: "paper" | "live";
}

/**
 * The events that record an execution report: OrderBookObserved (paper: the book walked),
 * OrderPlaced, one OrderFilled per fill (its id from
 * the exchange's fill id, so a fill is stored once however often it is reported), and OrderFailed
 * when nothing filled. Ids are deterministic, which makes recording after a crash idempotent.
 */
export function executionEvents(order: OrderFacts, report: ExecutionReport): PendingEvent[] {
  const events: PendingEvent[] = [];
  if (report.book) {
    // The book a paper order walked, first: a replay from the log alone walks the same levels.
    events.push({
      type: "OrderBookObserved",
      id: deterministicId("OrderBookObserved", report.clientOrderId),
      data: {
        tradeId: order.tradeId,
        clientOrderId: report.clientOrderId,
        ticker: order.ticker,
        bids: report.book.bids,
        levels: report.book.levels,
        observedAt: new Date(report.book.time).toISOString(),
      },
    });
  }
  events.push({
    type: "OrderPlaced",
    id: deterministicId("OrderPlaced", report.clientOrderId),
    data: {
      tradeId: order.tradeId,
      clientOrderId: report.clientOrderId,
      orderId: report.orderId,
      ticker: order.ticker,
      side: order.side,
      action: order.action,
      purpose: order.purpose,
      count: order.count,
      limitPrice: order.limitPrice,
      timeInForce: order.timeInForce,
      mode: order.mode,
    },
  });
  for (const f of report.fills) {
    events.push({
      type: "OrderFilled",
      id: deterministicId("OrderFilled", f.fillId),
      data: {
        tradeId: order.tradeId,
        orderId: report.orderId,
        fillId: f.fillId,
        ticker: order.ticker,
        side: order.side,
        action: order.action,
        purpose: order.purpose,
        count: f.count,
        price: f.price,
        fee: f.fee,
        isTaker: f.isTaker,
        filledAt: new Date(f.time).toISOString(),
      },
    });
  }
  if (report.fills.length === 0) {
    events.push(
      failedEvent(order, report.clientOrderId, report.orderId, "nothing filled at or better than the limit"),
    );
  }
  return events;
}

export function failedEvent(
  order: OrderFacts,
  clientOrderId: string,
  orderId: string | null,
  reason: string,
): PendingEvent {
  return {
    type: "OrderFailed",
    id: deterministicId("OrderFailed", clientOrderId),
    data: {
      tradeId: order.tradeId,
      clientOrderId,
      orderId,
      ticker: order.ticker,
      side: order.side,
      purpose: order.purpose,
      reason,
    },
  };
}
