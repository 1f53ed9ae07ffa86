/** Authenticated account endpoints: balance, positions, fills, settlements, orders (V2). */
import { divRound } from "../../../engine/money/money.ts";
import { count, dollars } from "../../core/format.ts";
import { ApiError, badRequest } from "../../exchange/errors.ts";
import type { Exchange } from "../../exchange/exchange.ts";
import { cancelOrder, placeOrder } from "../../exchange/trading.ts";
import type { Account } from "../../ledger/account.ts";
import { parseOrderRequest } from "../order-request.ts";
import { cursorIndex, encodeCursor, intParam, limitParam, listParam, strParam } from "../params.ts";
import { type Route, type RouteContext, withStatus } from "../router.ts";
import {
  balanceJson,
  eventPositionsJson,
  fillJson,
  orderJson,
  positionJson,
  settlementJson,
} from "../serialize/portfolio.ts";

function accountOf(c: RouteContext): Account {
  if (!c.account) throw new ApiError(401, "authentication_error", "authentication required");
  return c.account;
}

/** Newest-first page over a list (cursor = offset). */
function page<T>(
  items: readonly T[],
  q: URLSearchParams,
  def: number,
  max: number,
): { items: T[]; cursor: string } {
  const limit = limitParam(q, def, max);
  const start = cursorIndex(q);
  const slice = items.slice(start, start + limit);
  return { items: slice, cursor: start + limit < items.length ? encodeCursor(String(start + limit)) : "" };
}

function timeWindow(q: URLSearchParams): (ms: number) => boolean {
  const min = intParam(q, "min_ts");
  const max = intParam(q, "max_ts");
  return (ms) => (min === undefined || ms >= min * 1000) && (max === undefined || ms <= max * 1000);
}

const average = (total: number, filled: number): string | undefined =>
  filled > 0 ? dollars(Number(divRound(BigInt(total) * 100n, BigInt(filled), "half-up"))) : undefined;

function placeJson(ex: Exchange, account: Account, body: unknown): Record<string, unknown> {
  const req = parseOrderRequest(body);
  const { order, filledNotional, fees } = placeOrder(ex, account, req);
  const json: Record<string, unknown> = {
    order_id: order.id,
    client_order_id: order.clientOrderId,
    fill_count: count(order.filled),
    remaining_count: count(order.remaining),
    ts_ms: ex.t,
  };
  const avgPrice = average(filledNotional, order.filled);
  const avgFee = average(fees, order.filled);
  if (avgPrice !== undefined) json.average_fill_price = avgPrice;
  if (avgFee !== undefined) json.average_fee_paid = avgFee;
  return json;
}

function cancelJson(ex: Exchange, account: Account, orderId: string): Record<string, unknown> {
  const { order, reducedBy } = cancelOrder(ex, account, orderId);
  return {
    order_id: order.id,
    client_order_id: order.clientOrderId,
    reduced_by: count(reducedBy),
    ts_ms: ex.t,
  };
}

const errorJson = (e: unknown) =>
  e instanceof ApiError
    ? { code: e.code, message: e.message, details: e.details }
    : { code: "internal_server_error", message: String(e) };

function batchItems(body: unknown): unknown[] {
  const orders = (body as { orders?: unknown } | undefined)?.orders;
  if (!Array.isArray(orders) || orders.length === 0)
    throw badRequest("invalid_parameters", "orders must be a non-empty array");
  if (orders.length > 20) throw badRequest("invalid_parameters", "at most 20 orders per batch");
  return orders;
}

export function portfolioRoutes(ex: Exchange): Route[] {
  return [
    {
      method: "GET",
      pattern: "/portfolio/balance",
      auth: true,
      handler: (c) => balanceJson(ex, accountOf(c)),
    },
    {
      method: "GET",
      pattern: "/portfolio/positions",
      auth: true,
      handler: (c) => {
        const a = accountOf(c);
        const ticker = strParam(c.query, "ticker");
        const events = listParam(c.query, "event_ticker");
        const filters = listParam(c.query, "count_filter");
        const all = [...a.positions.values()]
          .filter((p) => (!ticker || p.ticker === ticker) && (!events || events.includes(p.eventTicker)))
          .filter(
            (p) =>
              !filters ||
              (filters.includes("position") && p.position !== 0) ||
              (filters.includes("total_traded") && p.totalTraded !== 0),
          )
          .sort((x, y) => y.lastUpdated - x.lastUpdated || x.ticker.localeCompare(y.ticker));
        const { items, cursor } = page(all, c.query, 100, 1000);
        return {
          market_positions: items.map(positionJson),
          event_positions: eventPositionsJson(items),
          cursor,
        };
      },
    },
    {
      method: "GET",
      pattern: "/portfolio/fills",
      auth: true,
      handler: (c) => {
        const a = accountOf(c);
        const ticker = strParam(c.query, "ticker");
        const orderId = strParam(c.query, "order_id");
        const inWindow = timeWindow(c.query);
        const cutoff = ex.historicalCutoff();
        const list = a.fills
          .filter(
            (f) =>
              f.time >= cutoff &&
              (!ticker || f.ticker === ticker) &&
              (!orderId || f.orderId === orderId) &&
              inWindow(f.time),
          )
          .reverse();
        const { items, cursor } = page(list, c.query, 100, 1000);
        return { fills: items.map(fillJson), cursor };
      },
    },
    {
      method: "GET",
      pattern: "/portfolio/settlements",
      auth: true,
      handler: (c) => {
        const a = accountOf(c);
        const ticker = strParam(c.query, "ticker");
        const events = listParam(c.query, "event_ticker");
        const inWindow = timeWindow(c.query);
        const list = a.settlements
          .filter(
            (s) =>
              (!ticker || s.ticker === ticker) &&
              (!events || events.includes(s.eventTicker)) &&
              inWindow(s.time),
          )
          .reverse();
        const { items, cursor } = page(list, c.query, 100, 1000);
        return { settlements: items.map(settlementJson), cursor };
      },
    },
    {
      method: "GET",
      pattern: "/portfolio/orders",
      auth: true,
      handler: (c) => {
        const a = accountOf(c);
        const ticker = strParam(c.query, "ticker");
        const events = listParam(c.query, "event_ticker");
        if (events && events.length > 10) throw badRequest("invalid_parameters", "at most 10 event tickers");
        const status = strParam(c.query, "status");
        if (status && !["resting", "canceled", "executed"].includes(status))
          throw badRequest("invalid_parameters", "status must be resting, canceled or executed");
        const inWindow = timeWindow(c.query);
        const cutoff = ex.historicalCutoff();
        const list = a.ordersInOrder
          .filter(
            (o) =>
              (o.status === "resting" || o.lastUpdateTime >= cutoff) &&
              (!ticker || o.ticker === ticker) &&
              (!events || events.includes(o.eventTicker)) &&
              (!status || o.status === status) &&
              inWindow(o.createdTime),
          )
          .reverse();
        const { items, cursor } = page(list, c.query, 100, 1000);
        return { orders: items.map(orderJson), cursor };
      },
    },
    {
      method: "GET",
      pattern: "/portfolio/orders/{order_id}",
      auth: true,
      handler: (c) => {
        const order = accountOf(c).orders.get(c.params.order_id ?? "");
        if (!order) throw new ApiError(404, "not_found", "order not found");
        return { order: orderJson(order) };
      },
    },
    {
      method: "POST",
      pattern: "/portfolio/events/orders/batched",
      auth: true,
      items: (body) =>
        Array.isArray((body as { orders?: unknown })?.orders)
          ? (body as { orders: unknown[] }).orders.length
          : 1,
      handler: (c) => {
        const a = accountOf(c);
        const orders = batchItems(c.body).map((o) => {
          try {
            return placeJson(ex, a, o);
          } catch (e) {
            return {
              client_order_id: (o as { client_order_id?: string })?.client_order_id,
              error: errorJson(e),
            };
          }
        });
        return withStatus(201, { orders });
      },
    },
    {
      method: "DELETE",
      pattern: "/portfolio/events/orders/batched",
      auth: true,
      items: (body) =>
        Array.isArray((body as { orders?: unknown })?.orders)
          ? (body as { orders: unknown[] }).orders.length
          : 1,
      handler: (c) => {
        const a = accountOf(c);
        const orders = batchItems(c.body).map((item) => {
          const id = (item as { order_id?: unknown })?.order_id;
          try {
            if (typeof id !== "string") throw badRequest("invalid_parameters", "order_id is required");
            return cancelJson(ex, a, id);
          } catch (e) {
            return { order_id: typeof id === "string" ? id : "", reduced_by: "0.00", error: errorJson(e) };
          }
        });
        return { orders };
      },
    },
    {
      method: "POST",
      pattern: "/portfolio/events/orders",
      auth: true,
      handler: (c) => withStatus(201, placeJson(ex, accountOf(c), c.body)),
    },
    {
      method: "DELETE",
      pattern: "/portfolio/events/orders",
      auth: true,
      handler: (c) => {
        const a = accountOf(c);
        for (const o of a.ordersInOrder.filter((x) => x.status === "resting")) cancelOrder(ex, a, o.id);
        return withStatus(204, null);
      },
    },
    {
      method: "DELETE",
      pattern: "/portfolio/events/orders/{order_id}",
      auth: true,
      handler: (c) => cancelJson(ex, accountOf(c), c.params.order_id ?? ""),
    },
    {
      method: "GET",
      pattern: "/historical/fills",
      auth: true,
      handler: (c) => {
        const a = accountOf(c);
        const ticker = strParam(c.query, "ticker");
        const cutoff = ex.historicalCutoff();
        const inWindow = timeWindow(c.query);
        const list = a.fills
          .filter((f) => f.time < cutoff && (!ticker || f.ticker === ticker) && inWindow(f.time))
          .reverse();
        const { items, cursor } = page(list, c.query, 100, 1000);
        return { fills: items.map(fillJson), cursor };
      },
    },
    {
      method: "GET",
      pattern: "/historical/orders",
      auth: true,
      handler: (c) => {
        const a = accountOf(c);
        const ticker = strParam(c.query, "ticker");
        const cutoff = ex.historicalCutoff();
        const inWindow = timeWindow(c.query);
        const list = a.ordersInOrder
          .filter(
            (o) =>
              o.status !== "resting" &&
              o.lastUpdateTime < cutoff &&
              (!ticker || o.ticker === ticker) &&
              inWindow(o.createdTime),
          )
          .reverse();
        const { items, cursor } = page(list, c.query, 100, 1000);
        return { orders: items.map(orderJson), cursor };
      },
    },
  ];
}
