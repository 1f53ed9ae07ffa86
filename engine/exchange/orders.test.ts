import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import type { CreateOrderV2Request } from "kalshi-typescript";
import type { Centis, Micros } from "../money/money.ts";
import { seededRandom } from "../time/random.ts";
import {
  BadRequest,
  Conflict,
  InvalidResponse,
  NetworkError,
  OrderOutcomeUnknown,
  RateLimited,
  ServerError,
  Timeout,
} from "./errors.ts";
import {
  type CreateResult,
  type PlacementDeps,
  placeOrder,
  toBookOrder,
  toCreateOrderV2Request,
} from "./orders.ts";
import { virtualTime } from "./testing.ts";
import type { Order, OrderRequest } from "./types.ts";

const req: OrderRequest = {
  ticker: "KX-A",
  clientOrderId: "cid-1",
  side: "yes",
  action: "buy",
  count: 1000 as Centis,
  limitPrice: 970_000 as Micros,
  timeInForce: "immediate_or_cancel",
};

const created: CreateResult = {
  orderId: "o-1",
  clientOrderId: "cid-1",
  fillCount: 1000 as Centis,
  remainingCount: 0 as Centis,
  averageFillPrice: 960_000 as Micros,
  averageFee: 2_700 as Micros,
};

const existing: Order = {
  orderId: "o-1",
  clientOrderId: "cid-1",
  ticker: "KX-A",
  status: "executed",
  bookSide: "bid",
  outcomeSide: "yes",
  yesPrice: 970_000 as Micros,
  noPrice: 30_000 as Micros,
  fillCount: 1000 as Centis,
  remainingCount: 0 as Centis,
  initialCount: 1000 as Centis,
  takerFillCost: 9_600_000 as Micros,
  makerFillCost: 0 as Micros,
  takerFees: 27_000 as Micros,
  makerFees: 0 as Micros,
  createdTime: null,
  lastUpdateTime: null,
  expirationTime: null,
};

const ep = { endpoint: "POST /portfolio/events/orders" };

/**
 * A fake exchange: `outcomes` scripts each POST (placed: did the exchange keep the order;
 * error: what the client sees). The lookup answers from what was really placed.
 */
function fakeExchange(
  outcomes: { placed: boolean; error?: Error }[],
  lookupErrors: Error[] = [],
  rejectDuplicates = true,
) {
  const placed: CreateOrderV2Request[] = [];
  let posts = 0;
  let lookups = 0;
  const { sleep, slept } = virtualTime();
  const deps: PlacementDeps = {
    async create(body) {
      const o = outcomes[posts++] ?? { placed: true };
      if (o.placed) {
        if (rejectDuplicates && placed.some((p) => p.client_order_id === body.client_order_id)) {
          throw new Conflict({ ...ep, status: 409 });
        }
        placed.push(body);
      }
      if (o.error) throw o.error;
      return created;
    },
    async find(_ticker, clientOrderId) {
      const e = lookupErrors[lookups++];
      if (e) throw e;
      return placed.some((p) => p.client_order_id === clientOrderId) ? existing : null;
    },
    policy: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000 },
    random: seededRandom(3),
    sleep,
  };
  return { deps, placed, slept, counts: () => ({ posts, lookups }) };
}

describe("V2 order translation", () => {
  test("outcome side + action map onto the single YES book", () => {
    const p = 970_000 as Micros;
    expect(toBookOrder({ side: "yes", action: "buy", limitPrice: p })).toEqual({
      bookSide: "bid",
      yesPrice: 970_000,
    } as never);
    expect(toBookOrder({ side: "yes", action: "sell", limitPrice: p })).toEqual({
      bookSide: "ask",
      yesPrice: 970_000,
    } as never);
    expect(toBookOrder({ side: "no", action: "buy", limitPrice: p })).toEqual({
      bookSide: "ask",
      yesPrice: 30_000,
    } as never);
    expect(toBookOrder({ side: "no", action: "sell", limitPrice: p })).toEqual({
      bookSide: "bid",
      yesPrice: 30_000,
    } as never);
  });

  test("request body: fixed-point strings, IOC/FOK/GTC, reduce_only, expiration in seconds", () => {
    expect(
      toCreateOrderV2Request({
        ...req,
        reduceOnly: true,
        timeInForce: "good_till_canceled",
        expirationTime: 1_767_571_200_999,
      }),
    ).toEqual({
      ticker: "KX-A",
      client_order_id: "cid-1",
      side: "bid",
      count: "10.00",
      price: "0.9700",
      time_in_force: "good_till_canceled",
      self_trade_prevention_type: "taker_at_cross",
      reduce_only: true,
      expiration_time: 1_767_571_200,
    });
    expect(
      toCreateOrderV2Request({ ...req, side: "no", count: 250 as Centis, timeInForce: "fill_or_kill" }),
    ).toMatchObject({
      side: "ask",
      count: "2.50",
      price: "0.0300",
      time_in_force: "fill_or_kill",
    });
  });

  test("refuses prices outside (0, 1), sub-tick prices and empty ids", () => {
    expect(() => toCreateOrderV2Request({ ...req, limitPrice: 1_000_000 as Micros })).toThrow(RangeError);
    expect(() => toCreateOrderV2Request({ ...req, limitPrice: 970_050 as Micros })).toThrow();
    expect(() => toCreateOrderV2Request({ ...req, clientOrderId: "" })).toThrow(RangeError);
    expect(() => toCreateOrderV2Request({ ...req, count: 0 as Centis })).toThrow(RangeError);
  });
});

describe("placeOrder never duplicates", () => {
  test("success on the first try: one POST, no lookup", async () => {
    const x = fakeExchange([{ placed: true }]);
    const r = await placeOrder(req, x.deps);
    expect(r.orderId).toBe("o-1");
    expect(r.recovered).toBeNull();
    expect(x.counts()).toEqual({ posts: 1, lookups: 0 });
  });

  test("5xx after the order was placed: the lookup finds it, no second POST", async () => {
    const x = fakeExchange([{ placed: true, error: new ServerError({ ...ep, status: 502 }) }]);
    const r = await placeOrder(req, x.deps);
    expect(r.recovered?.orderId).toBe("o-1");
    expect(x.placed).toHaveLength(1);
    expect(x.counts()).toEqual({ posts: 1, lookups: 1 });
  });

  test("dropped connection before the order was placed: lookup says absent, then retried once", async () => {
    const x = fakeExchange([
      { placed: false, error: new NetworkError({ ...ep, code: "ECONNRESET" }) },
      { placed: true },
    ]);
    const r = await placeOrder(req, x.deps);
    expect(r.recovered).toBeNull();
    expect(x.placed).toHaveLength(1);
    expect(x.counts()).toEqual({ posts: 2, lookups: 1 });
    expect(x.slept).toHaveLength(1);
  });

  test("a 429 is also looked up before the retry", async () => {
    const x = fakeExchange([
      { placed: false, error: new RateLimited({ ...ep, status: 429 }) },
      { placed: true },
    ]);
    await placeOrder(req, x.deps);
    expect(x.counts()).toEqual({ posts: 2, lookups: 1 });
  });

  test("409 duplicate: return the existing order", async () => {
    const x = fakeExchange([{ placed: true, error: new Conflict({ ...ep, status: 409 }) }]);
    const r = await placeOrder(req, x.deps);
    expect(r.recovered?.orderId).toBe("o-1");
    expect(x.counts().posts).toBe(1);
  });

  test("2xx with an unusable body: recovered by lookup, never re-posted", async () => {
    const x = fakeExchange([
      { placed: true, error: new InvalidResponse({ ...ep, field: "order_id", issue: "missing" }) },
    ]);
    const r = await placeOrder(req, x.deps);
    expect(r.recovered?.orderId).toBe("o-1");
    expect(x.counts().posts).toBe(1);
  });

  test("a definite rejection (400) is thrown without lookup or retry", async () => {
    const x = fakeExchange([{ placed: false, error: new BadRequest({ ...ep, status: 400 }) }]);
    await expect(placeOrder(req, x.deps)).rejects.toBeInstanceOf(BadRequest);
    expect(x.counts()).toEqual({ posts: 1, lookups: 0 });
  });

  test("timeout and the lookup also fails: OrderOutcomeUnknown, no second POST", async () => {
    const x = fakeExchange(
      [{ placed: true, error: new Timeout({ ...ep, timeoutMs: 10 }) }],
      [new ServerError(ep)],
    );
    const p = placeOrder(req, x.deps);
    await expect(p).rejects.toBeInstanceOf(OrderOutcomeUnknown);
    expect(x.counts().posts).toBe(1);
  });

  test("property: whatever fails and when, at most one order exists, even if the exchange accepted duplicates", async () => {
    const failure = fc.constantFrom(
      () => new ServerError({ ...ep, status: 500 }),
      () => new Timeout({ ...ep, timeoutMs: 1 }),
      () => new NetworkError(ep),
      () => new RateLimited(ep),
      () => new InvalidResponse({ ...ep, field: "x", issue: "y" }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ placed: fc.boolean(), fail: fc.option(failure, { nil: undefined }) }), {
          maxLength: 6,
        }),
        async (script) => {
          const x = fakeExchange(
            script.map((s) => ({ placed: s.placed, error: s.fail?.() })),
            [],
            false,
          );
          try {
            const r = await placeOrder(req, x.deps);
            expect(r.clientOrderId).toBe("cid-1");
          } catch {
            // giving up is allowed; duplicating is not
          }
          expect(x.placed.length).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
