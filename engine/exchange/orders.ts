/**
 * Order creation that never places an order twice.
 *
 * A POST that fails with a 5xx, a timeout or a dropped connection may still have placed the
 * order. Retrying it blindly could double a position, so before every new attempt we look the
 * order up by its client_order_id; if it exists we return it instead. The exchange also rejects
 * a second order with a used client_order_id (409), which closes the remaining window (an order
 * that lands after our lookup): on a 409 we look it up again and return it.
 *
 * Residual risk, stated plainly: Kalshi's exact duplicate rule is unconfirmed. If it did not
 * reject duplicates, an order processed after our lookup and before our retry could be doubled.
 * The lookup-first rule keeps that window to one backoff delay after an ambiguous failure.
 */
import type { CreateOrderV2Request } from "kalshi-typescript";
import { formatCount, formatDollars, MICROS_PER_DOLLAR, type Micros } from "../money/money.ts";
import type { Random } from "../time/random.ts";
import {
  Conflict,
  type ExchangeError,
  InvalidResponse,
  isExchangeError,
  OrderOutcomeUnknown,
} from "./errors.ts";
import type { Sleep } from "./rate-limit.ts";
import { backoffDelay, type RetryPolicy } from "./retry.ts";
import type { BookSide, Order, OrderRequest, PlacedOrder } from "./types.ts";

/** What the create endpoint told us, already validated. */
export interface CreateResult {
  orderId: string;
  clientOrderId: string | null;
  fillCount: PlacedOrder["fillCount"];
  remainingCount: PlacedOrder["remainingCount"];
  averageFillPrice: Micros | null;
  averageFee: Micros | null;
}

/** Outcome side + direction → the single YES book: buy YES / sell NO bid, sell YES / buy NO ask. */
export function toBookOrder(req: Pick<OrderRequest, "side" | "action" | "limitPrice">): {
  bookSide: BookSide;
  yesPrice: Micros;
} {
  const buysYes = (req.side === "yes") === (req.action === "buy");
  const yesPrice = (req.side === "yes" ? req.limitPrice : MICROS_PER_DOLLAR - req.limitPrice) as Micros;
  return { bookSide: buysYes ? "bid" : "ask", yesPrice };
}

export function toCreateOrderV2Request(req: OrderRequest): CreateOrderV2Request {
  if (!req.clientOrderId) throw new RangeError("an order needs a client_order_id");
  if (!Number.isSafeInteger(req.count) || req.count <= 0)
    throw new RangeError(`order count ${req.count} must be positive`);
  if (!Number.isSafeInteger(req.limitPrice) || req.limitPrice <= 0 || req.limitPrice >= MICROS_PER_DOLLAR) {
    throw new RangeError(`limit price ${req.limitPrice} micros must be strictly between $0 and $1`);
  }
  const { bookSide, yesPrice } = toBookOrder(req);
  const body: CreateOrderV2Request = {
    ticker: req.ticker,
    client_order_id: req.clientOrderId,
    side: bookSide,
    count: formatCount(req.count),
    // Requests take at most 4 decimals; formatDollars refuses a price it would have to round.
    price: formatDollars(yesPrice, 4),
    time_in_force: req.timeInForce,
    self_trade_prevention_type: req.selfTradePrevention ?? "taker_at_cross",
  };
  if (req.reduceOnly !== undefined) body.reduce_only = req.reduceOnly;
  if (req.postOnly !== undefined) body.post_only = req.postOnly;
  if (req.expirationTime !== undefined) body.expiration_time = Math.floor(req.expirationTime / 1000);
  return body;
}

const CONFIRM_LOOKUPS = 3;

export interface PlacementDeps {
  /** One POST, no retry. Throws typed ExchangeErrors. */
  create(body: CreateOrderV2Request): Promise<CreateResult>;
  /** Lookup by client_order_id (with the usual read retries). null when absent. */
  find(ticker: string, clientOrderId: string): Promise<Order | null>;
  policy: RetryPolicy;
  random: Random;
  sleep: Sleep;
  /** Told about each failed attempt; for logs. */
  onAttemptFailed?: (e: ExchangeError, attempt: number) => void;
}

const fromCreate = (ticker: string, clientOrderId: string, r: CreateResult): PlacedOrder => ({
  orderId: r.orderId,
  clientOrderId: r.clientOrderId ?? clientOrderId,
  ticker,
  fillCount: r.fillCount,
  remainingCount: r.remainingCount,
  averageFillPrice: r.averageFillPrice,
  averageFee: r.averageFee,
  recovered: null,
});

const fromOrder = (o: Order): PlacedOrder => ({
  orderId: o.orderId,
  clientOrderId: o.clientOrderId,
  ticker: o.ticker,
  fillCount: o.fillCount,
  remainingCount: o.remainingCount,
  // An Order carries total fill costs, not per-price fills: exact prices come from GET fills.
  averageFillPrice: null,
  averageFee: null,
  recovered: o,
});

export async function placeOrder(req: OrderRequest, deps: PlacementDeps): Promise<PlacedOrder> {
  const body = toCreateOrderV2Request(req);
  const lookup = async (cause: ExchangeError): Promise<Order | null> => {
    try {
      return await deps.find(req.ticker, req.clientOrderId);
    } catch (e) {
      const reason = `create failed (${cause.kind}) and lookup failed (${isExchangeError(e) ? e.kind : "error"})`;
      throw new OrderOutcomeUnknown({ endpoint: cause.endpoint, clientOrderId: req.clientOrderId, reason });
    }
  };

  for (let attempt = 1; ; attempt++) {
    let err: ExchangeError;
    try {
      return fromCreate(req.ticker, req.clientOrderId, await deps.create(body));
    } catch (e) {
      if (!isExchangeError(e)) throw e;
      err = e;
    }
    deps.onAttemptFailed?.(err, attempt);

    // The exchange answered 2xx but the body was unusable, or it says the id is taken: either
    // way an order with our id most likely exists. Find it; never create again.
    if (err instanceof InvalidResponse || err instanceof Conflict) {
      // The order listing may lag the matching engine by a moment: ask a few times.
      for (let look = 0; look < CONFIRM_LOOKUPS; look++) {
        if (look > 0) await deps.sleep(backoffDelay(look - 1, deps.policy, deps.random));
        const found = await lookup(err);
        if (found) return fromOrder(found);
      }
      throw err;
    }
    // A definite rejection (400, 401, 404…): nothing was placed.
    if (!err.retryable) throw err;

    // Ambiguous (5xx, timeout, network) or rate limited: look before any new attempt.
    const found = await lookup(err);
    if (found) return fromOrder(found);
    if (attempt >= deps.policy.maxAttempts) throw err;
    await deps.sleep(backoffDelay(attempt - 1, deps.policy, deps.random));
  }
}
