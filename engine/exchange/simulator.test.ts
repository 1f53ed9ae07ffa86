/**
 * Integration: our client and feed against the Kalshi simulator (simulator/), through the
 * official SDK, real HTTP and a real WebSocket. Faults are injected through the simulator's
 * own fault hooks (429 storms, 5xx, malformed bodies, dropped sockets).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { inspect } from "node:util";
import { type RunningSimulator, startSimulator } from "../../simulator/index.ts";
import type { Micros } from "../money/money.ts";
import { walkBuy } from "./book-walk.ts";
import { ExchangeClient, type ExchangeClientOptions } from "./client.ts";
import { InvalidResponse } from "./errors.ts";
import type { FeedEvent } from "./feed/events.ts";
import { LiveFeed } from "./feed/feed.ts";
import { bunSocketFactory, type SocketFactory, type SocketLike } from "./feed/socket.ts";
import type { RequestRecord } from "./transport.ts";
import type { Market } from "./types.ts";
import type { InvalidResponseReport } from "./validate.ts";

let sim: RunningSimulator;
let open: Market[] = [];

beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    seed: 11,
    markets: 3_000,
    tier: "basic",
    quiet: true,
    clock: { mode: "manual", start: Date.parse("2026-01-05T00:00:00Z") },
  });
  open = await client().allMarkets({ status: "open" });
});
afterAll(async () => {
  await sim.stop();
});

function client(extra: Partial<ExchangeClientOptions> = {}): ExchangeClient {
  return new ExchangeClient({
    restUrl: sim.baseUrl,
    apiKeyId: sim.apiKeyId,
    privateKeyPem: sim.privateKeyPem,
    tier: "basic",
    retry: { baseDelayMs: 40, maxDelayMs: 400, maxAttempts: 12 },
    ...extra,
  });
}

function expectNoKey(e: unknown) {
  const keyLine = sim.privateKeyPem.split("\n")[2] ?? "";
  for (const s of [
    JSON.stringify(e),
    inspect(e, { showHidden: true, depth: 8 }),
    String(e),
    (e as Error).stack ?? "",
  ]) {
    expect(s).not.toContain(keyLine);
    expect(s).not.toContain("PRIVATE KEY");
    expect(s.toLowerCase()).not.toContain("kalshi-access-signature");
  }
}

/** Polls until the feed's book equals the exchange's (deltas travel asynchronously). */
async function booksAgree(feed: LiveFeed, c: ExchangeClient, ticker: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    const rest = await c.getOrderBook(ticker);
    const live = feed.book(ticker);
    if (Bun.deepEquals(live, rest)) return;
    if (Date.now() > end) {
      expect(live).toEqual(rest);
      return;
    }
    await Bun.sleep(20);
  }
}

const until = async (cond: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await Bun.sleep(10);
  }
};

/** An open market whose YES side can be bought below 99¢ with some depth. */
async function liquidMarket(c: ExchangeClient, skip = 0): Promise<Market> {
  let seen = 0;
  for (const m of open) {
    const book = await c.getOrderBook(m.ticker);
    const buy = walkBuy(book, { side: "yes", budget: 5_000_000 as Micros, maxPrice: 990_000 as Micros });
    if (buy.contracts >= 200 && seen++ >= skip) return m;
  }
  throw new Error("no liquid market in the simulated catalog");
}

describe("catalog sync against the simulator", () => {
  test("a 429 storm, injected 5xx and a client that overestimates its tier lose no market", async () => {
    const baseline = (await client().allMarkets()).map((m) => m.ticker);
    expect(baseline.length).toBeGreaterThan(2_000);

    sim.exchange.faults.storm(0.3);
    sim.exchange.faults.serverErrors.push({ path: "/markets", method: "GET", remaining: 2, status: 503 });
    const records: RequestRecord[] = [];
    // Claiming Prime at a Basic exchange: the simulator's own limiter answers 429 too.
    const greedy = client({ tier: "prime", reserveTokens: 0, onRequest: (r) => records.push(r) });
    const tickers: string[] = [];
    for await (const page of greedy.marketPages({ limit: 100 }))
      for (const m of page.markets) tickers.push(m.ticker);
    expect(tickers).toEqual(baseline);
    expect(records.filter((r) => r.error === "rate_limited").length).toBeGreaterThan(0);
    expect(records.filter((r) => r.status === 503).length).toBe(2);
  }, 30_000);

  test("at the right tier the limiter keeps a burst of reads free of 429s", async () => {
    await Bun.sleep(1_100); // let the account's read bucket refill after the previous test
    const records: RequestRecord[] = [];
    const c = client({ onRequest: (r) => records.push(r) });
    await c.getOrderBooks(open.slice(0, 40).map((m) => m.ticker)); // 2 batches of 20 tickers
    await Promise.all(open.slice(0, 25).map((m) => c.getMarket(m.ticker)));
    expect(records).toHaveLength(27);
    expect(records.filter((r) => r.error !== null)).toEqual([]);
  }, 15_000);
});

describe("orders against the simulator", () => {
  const ordersWith = (cid: string) => sim.exchange.ledger().orders.filter((o) => o.clientOrderId === cid);

  test("a response lost after the order was placed: recovered by lookup, placed exactly once", async () => {
    const c = client();
    const m = await liquidMarket(c);
    const book = await c.getOrderBook(m.ticker);
    const plan = walkBuy(book, { side: "yes", budget: 3_000_000 as Micros, maxPrice: 990_000 as Micros });
    sim.exchange.faults.malformed.push({
      path: "/portfolio/events/orders",
      method: "POST",
      remaining: 1,
      kind: "invalid_json",
    });
    const placed = await c.placeOrder({
      ticker: m.ticker,
      clientOrderId: "int-lost-response",
      side: "yes",
      action: "buy",
      count: plan.contracts,
      limitPrice: 990_000 as Micros,
      timeInForce: "immediate_or_cancel",
    });
    expect(placed.recovered).not.toBeNull();
    expect(placed.fillCount).toBe(plan.contracts);
    expect(ordersWith("int-lost-response")).toHaveLength(1);

    // What the paper broker would have predicted is what the exchange did, fees included.
    const fills = await c.fills({ orderId: placed.orderId });
    const byPrice = (xs: { price: number; count: number; fee: number }[]) =>
      [...xs].sort((a, b) => a.price - b.price);
    expect(byPrice(fills.map((f) => ({ price: f.yesPrice, count: f.count, fee: f.fee })))).toEqual(
      byPrice(plan.fills.map((f) => ({ price: f.price, count: f.count, fee: f.fee }))),
    );
  });

  test("a 5xx before the order was placed: looked up, retried, placed exactly once", async () => {
    const c = client();
    const m = await liquidMarket(c, 1);
    sim.exchange.faults.serverErrors.push({
      path: "/portfolio/events/orders",
      method: "POST",
      remaining: 2,
      status: 502,
    });
    const placed = await c.placeOrder({
      ticker: m.ticker,
      clientOrderId: "int-5xx",
      side: "yes",
      action: "buy",
      count: 100 as never,
      limitPrice: 990_000 as Micros,
      timeInForce: "immediate_or_cancel",
    });
    expect(placed.recovered).toBeNull();
    expect(ordersWith("int-5xx")).toHaveLength(1);
  });

  test("a second create with a used client_order_id is answered with the first order", async () => {
    const c = client();
    const m = await liquidMarket(c, 2);
    const req = {
      ticker: m.ticker,
      clientOrderId: "int-twice",
      side: "no" as const,
      action: "buy" as const,
      count: 100 as never,
      limitPrice: 20_000 as Micros, // far below the market: rests
      timeInForce: "good_till_canceled" as const,
    };
    const first = await c.placeOrder(req);
    const again = await c.placeOrder(req);
    expect(again.orderId).toBe(first.orderId);
    expect(ordersWith("int-twice")).toHaveLength(1);
    expect<number>((await c.cancelOrder(first.orderId)).reducedBy).toBe(100);
  });
});

describe("every endpoint the engine uses parses the simulator's answers", () => {
  test("series, candles, trades, history, portfolio, status, limits", async () => {
    const reports: InvalidResponseReport[] = [];
    const c = client({ onInvalidResponse: (r) => reports.push(r) });
    const m = open[0] as Market;
    const seriesTicker = m.eventTicker.split("-")[0] as string;
    const series = await c.getSeries(seriesTicker);
    expect(series.ticker).toBe(seriesTicker);
    expect(series.fees.multiplier).toBeGreaterThanOrEqual(0);
    expect((await c.getSeriesList()).length).toBeGreaterThan(0);
    const now = sim.clock.now();
    const candles = await c.getCandlesticks(seriesTicker, {
      ticker: m.ticker,
      start: now - 86_400_000,
      end: now,
      period: 60,
    });
    expect(candles.length).toBeGreaterThan(0);
    const trades = await c.tradePages({ ticker: m.ticker, limit: 50 }).next();
    expect(trades.value?.items.every((t) => t.ticker === m.ticker)).toBe(true);
    const cutoff = await c.getHistoricalCutoff();
    expect(cutoff.marketSettled).not.toBeNull();
    const hist = await c.historicalMarketPages({ limit: 20 }).next();
    const old = hist.value?.items[0];
    expect(old).toBeDefined();
    if (old) {
      expect(old.status).toBe("finalized");
      const hc = await c.getHistoricalCandlesticks({
        ticker: old.ticker,
        start: old.closeTime - 86_400_000,
        end: old.closeTime,
        period: 60,
      });
      expect(Array.isArray(hc)).toBe(true);
      expect((await c.historicalTradePages({ ticker: old.ticker, limit: 10 }).next()).done).toBe(false);
    }
    expect((await c.getExchangeStatus()).tradingActive).toBe(true);
    expect((await c.getBalance()).balance).toBeGreaterThan(0);
    expect(Array.isArray(await c.getPositions())).toBe(true);
    expect(Array.isArray(await c.fills())).toBe(true);
    expect(Array.isArray(await c.settlements())).toBe(true);
    const cal = await c.calibrate();
    expect(cal.limits.read.refillPerSecond).toBe(200);
    expect(reports).toEqual([]);
  }, 30_000);
});

describe("validation against the simulator", () => {
  test("a corrupted fixed-point field: hook called, InvalidResponse names endpoint and field, no key", async () => {
    const reports: InvalidResponseReport[] = [];
    const c = client({ onInvalidResponse: (r) => reports.push(r) });
    sim.exchange.faults.malformed.push({
      path: "/markets",
      method: "GET",
      remaining: 1,
      kind: "broken_fixed_point",
    });
    const err = await c.allMarkets({ limit: 50 }).catch((e) => e);
    expect(err).toBeInstanceOf(InvalidResponse);
    expect(err.endpoint).toBe("GET /markets");
    expect(err.field).toMatch(/^markets\.0\.[a-z_0-9]+_(dollars|fp)$/);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.sample).toMatch(/^"\d+\.\d\d\.\d*"$/);
    expectNoKey(err);
  });

  test("a truncated JSON body is an InvalidResponse at the root", async () => {
    const reports: InvalidResponseReport[] = [];
    const c = client({ onInvalidResponse: (r) => reports.push(r) });
    sim.exchange.faults.malformed.push({
      path: "/portfolio/balance",
      method: "GET",
      remaining: 1,
      kind: "invalid_json",
    });
    const err = await c.getBalance().catch((e) => e);
    expect(err).toBeInstanceOf(InvalidResponse);
    expect(err.field).toBe("");
    expect(reports[0]?.endpoint).toBe("GET /portfolio/balance");
    expectNoKey(err);
  });
});

/** A real WebSocket that can be told to lose the next order-book delta. */
function lossyFactory(): { factory: SocketFactory; dropNextDelta: () => void; dropped: number[] } {
  let drop = false;
  const dropped: number[] = [];
  const factory: SocketFactory = (url, headers) => {
    const inner = bunSocketFactory(url, headers);
    const outer: SocketLike = {
      get readyState() {
        return inner.readyState;
      },
      send: (d) => inner.send(d),
      close: (c, r) => inner.close(c, r),
      terminate: () => inner.terminate?.(),
      onopen: null,
      onmessage: null,
      onclose: null,
      onerror: null,
      addEventListener: (type, l) => inner.addEventListener?.(type, l),
    };
    inner.onopen = (e) => outer.onopen?.(e);
    inner.onclose = (e) => outer.onclose?.(e);
    inner.onerror = (e) => outer.onerror?.(e);
    inner.onmessage = (e) => {
      if (drop && typeof e.data === "string" && e.data.includes('"type":"orderbook_delta"')) {
        drop = false;
        dropped.push(JSON.parse(e.data).seq);
        return;
      }
      outer.onmessage?.(e);
    };
    return outer;
  };
  return { factory, dropNextDelta: () => (drop = true), dropped };
}

describe("live feed against the simulator", () => {
  test("a lost delta is detected by seq, resnapshotted, and the book matches the exchange's", async () => {
    const c = client();
    const m = await liquidMarket(c, 3);
    const lossy = lossyFactory();
    const events: FeedEvent[] = [];
    const feed = new LiveFeed({
      wsUrl: sim.wsUrl,
      apiKeyId: sim.apiKeyId,
      privateKeyPem: sim.privateKeyPem,
      socketFactory: lossy.factory,
      sleep: () => Bun.sleep(10),
    });
    feed.on((e) => events.push(e));
    try {
      await feed.start();
      feed.watch([m.ticker]);
      await until(() => feed.isBookFresh(m.ticker));
      await booksAgree(feed, c, m.ticker);

      lossy.dropNextDelta();
      const mid = Math.round(((m.yesBid + m.yesAsk) / 2 - 30_000) / 10_000) * 10_000;
      sim.exchange.setPrice(m.ticker, mid as Micros);
      await until(() => lossy.dropped.length === 1);
      // A gap shows when the next message on the subscription arrives (another delta of the
      // same move, or the next move's).
      sim.exchange.setPrice(m.ticker, (mid + 20_000) as Micros);
      await until(() => events.some((e) => e.type === "gap" && e.channel === "orderbook_delta"));
      await booksAgree(feed, c, m.ticker);
      expect(events.some((e) => e.type === "book" && e.cause === "snapshot")).toBe(true);

      // And a dropped connection comes back with a fresh book.
      sim.exchange.dropConnections();
      await until(() => events.filter((e) => e.type === "connected").length === 2);
      await until(() => feed.isBookFresh(m.ticker));
      sim.exchange.setPrice(m.ticker, mid as Micros);
      await booksAgree(feed, c, m.ticker);
    } finally {
      await feed.stop();
    }
  }, 30_000);

  test("a market the exchange refuses is dropped from the watch list; the others still stream", async () => {
    const m = open[5] as Market;
    const events: FeedEvent[] = [];
    const feed = new LiveFeed({
      wsUrl: sim.wsUrl,
      apiKeyId: sim.apiKeyId,
      privateKeyPem: sim.privateKeyPem,
      channels: ["orderbook_delta"],
      sleep: () => Bun.sleep(10),
    });
    feed.on((e) => events.push(e));
    try {
      await feed.start();
      feed.watch([m.ticker, "KXNOSUCH-MARKET"]);
      await until(() => feed.isBookFresh(m.ticker));
      expect(events.find((e) => e.type === "error")).toMatchObject({
        code: 11,
        tickers: ["KXNOSUCH-MARKET"],
      });
      expect([...feed.watched]).toEqual([m.ticker]);
    } finally {
      await feed.stop();
    }
  });

  test("own fills and order updates arrive as typed events", async () => {
    const c = client();
    const m = await liquidMarket(c, 4);
    const events: FeedEvent[] = [];
    const feed = new LiveFeed({ wsUrl: sim.wsUrl, apiKeyId: sim.apiKeyId, privateKeyPem: sim.privateKeyPem });
    feed.on((e) => events.push(e));
    try {
      await feed.start();
      await until(() => events.filter((e) => e.type === "subscribed").length === 3); // fill, user_orders, lifecycle
      const placed = await c.placeOrder({
        ticker: m.ticker,
        clientOrderId: "int-ws-fill",
        side: "yes",
        action: "buy",
        count: 100 as never,
        limitPrice: 990_000 as Micros,
        timeInForce: "immediate_or_cancel",
      });
      await until(() => events.some((e) => e.type === "fill") && events.some((e) => e.type === "order"));
      const fill = events.find((e) => e.type === "fill");
      expect(fill).toMatchObject({
        fill: { orderId: placed.orderId, ticker: m.ticker, outcomeSide: "yes", isTaker: true },
      });
      const order = events.find((e) => e.type === "order");
      expect(order).toMatchObject({ order: { orderId: placed.orderId, clientOrderId: "int-ws-fill" } });
      expect(events.filter((e) => e.type === "gap")).toEqual([]);
    } finally {
      await feed.stop();
    }
  });
});
