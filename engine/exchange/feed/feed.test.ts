/**
 * LiveFeed against a small Kalshi-like WebSocket server (Bun.serve): signed upgrade, subscribe,
 * snapshot + deltas with per-sid seq, get_snapshot, terminal errors, drops and silence.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { constants, verify } from "node:crypto";
import type { ServerWebSocket } from "bun";
import { testKey } from "../testing.ts";
import type { InvalidResponseReport } from "../validate.ts";
import type { FeedEvent } from "./events.ts";
import { LiveFeed, type LiveFeedOptions } from "./feed.ts";

type Book = { yes: Map<string, number>; no: Map<string, number> };

class StubKalshiWs {
  readonly server: ReturnType<typeof Bun.serve<{ n: number }>>;
  readonly books = new Map<string, Book>();
  readonly received: Record<string, unknown>[] = [];
  readonly texts: string[] = [];
  upgrades: { ok: boolean; key: string | null }[] = [];
  sockets: ServerWebSocket<{ n: number }>[] = [];
  /** sid → channel, markets, next seq */
  subs = new Map<
    number,
    { channel: string; markets: Set<string>; seq: number; ws: ServerWebSocket<{ n: number }> }
  >();
  nextSid = 1;
  /** When false the server pings nobody and ignores commands (a stuck connection). */
  responsive = true;

  constructor() {
    this.server = Bun.serve<{ n: number }>({
      port: 0,
      fetch: (req, srv) => {
        const url = new URL(req.url);
        const ts = req.headers.get("kalshi-access-timestamp") ?? "";
        const sig = req.headers.get("kalshi-access-signature") ?? "";
        const ok = verify(
          "sha256",
          Buffer.from(`${ts}GET${url.pathname}`),
          {
            key: testKey().publicKey,
            padding: constants.RSA_PKCS1_PSS_PADDING,
            saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
          },
          Buffer.from(sig, "base64"),
        );
        this.upgrades.push({ ok, key: req.headers.get("kalshi-access-key") });
        if (!ok || url.pathname !== "/trade-api/ws/v2") return new Response("unauthorized", { status: 401 });
        return srv.upgrade(req, { data: { n: this.sockets.length } })
          ? undefined
          : new Response("no", { status: 400 });
      },
      websocket: {
        open: (ws) => {
          this.sockets.push(ws);
        },
        message: (ws, raw) => {
          const text = String(raw);
          this.texts.push(text);
          if (!this.responsive) return;
          let m: Record<string, unknown>;
          try {
            m = JSON.parse(text);
          } catch {
            return;
          }
          this.received.push(m);
          this.#command(ws, m);
        },
        close: (ws) => {
          for (const [sid, s] of this.subs) if (s.ws === ws) this.subs.delete(sid);
        },
      },
    });
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.server.port}/trade-api/ws/v2`;
  }

  book(t: string): Book {
    let b = this.books.get(t);
    if (!b) {
      b = { yes: new Map(), no: new Map() };
      this.books.set(t, b);
    }
    return b;
  }

  #send(
    ws: ServerWebSocket<{ n: number }>,
    sid: number,
    type: string,
    msg: unknown,
    extra: Record<string, unknown> = {},
  ) {
    const s = this.subs.get(sid);
    if (!s) return;
    const seq = s.seq++;
    ws.send(JSON.stringify({ type, sid, seq, msg, ...extra }));
  }

  #snapshot(ws: ServerWebSocket<{ n: number }>, sid: number, t: string, id?: number) {
    const b = this.book(t);
    const levels = (m: Map<string, number>) => [...m].map(([p, c]) => [p, (c / 100).toFixed(2)]);
    this.#send(
      ws,
      sid,
      "orderbook_snapshot",
      { market_ticker: t, market_id: "m", yes_dollars_fp: levels(b.yes), no_dollars_fp: levels(b.no) },
      id === undefined ? {} : { id },
    );
  }

  #command(ws: ServerWebSocket<{ n: number }>, m: Record<string, unknown>) {
    const id = m.id as number;
    const params = (m.params ?? {}) as Record<string, unknown>;
    if (m.cmd === "subscribe") {
      for (const channel of params.channels as string[]) {
        const sid = this.nextSid++;
        const markets = new Set((params.market_tickers as string[] | undefined) ?? []);
        this.subs.set(sid, { channel, markets, seq: 1, ws });
        ws.send(JSON.stringify({ id, type: "subscribed", msg: { channel, sid } }));
        if (channel === "orderbook_delta") for (const t of markets) this.#snapshot(ws, sid, t);
      }
    } else if (m.cmd === "update_subscription") {
      const sid = (params.sids as number[])[0] as number;
      const s = this.subs.get(sid);
      if (!s) {
        ws.send(JSON.stringify({ id, type: "error", msg: { code: 7, msg: "Unknown subscription ID" } }));
        return;
      }
      const tickers = params.market_tickers as string[];
      if (params.action === "get_snapshot") for (const t of tickers) this.#snapshot(ws, sid, t, id);
      if (params.action === "add_markets") {
        for (const t of tickers) s.markets.add(t);
        if (s.channel === "orderbook_delta") for (const t of tickers) this.#snapshot(ws, sid, t);
      }
      if (params.action === "delete_markets") for (const t of tickers) s.markets.delete(t);
      ws.send(JSON.stringify({ id, type: "ok", sid, msg: { market_tickers: [...s.markets] } }));
    } else if (m.cmd === "unsubscribe") {
      for (const sid of params.sids as number[]) this.subs.delete(sid);
      ws.send(JSON.stringify({ id, type: "unsubscribed", sid: (params.sids as number[])[0], seq: 1 }));
    }
  }

  /** Changes the true book and tells subscribers — unless `drop`, which burns the seq number. */
  delta(t: string, side: "yes" | "no", price: string, deltaCentis: number, drop = false) {
    const levels = this.book(t)[side];
    const next = (levels.get(price) ?? 0) + deltaCentis;
    if (next > 0) levels.set(price, next);
    else levels.delete(price);
    for (const [sid, s] of this.subs) {
      if (s.channel !== "orderbook_delta" || !s.markets.has(t)) continue;
      if (drop) s.seq++;
      else
        this.#send(s.ws, sid, "orderbook_delta", {
          market_ticker: t,
          market_id: "m",
          price_dollars: price,
          delta_fp: (deltaCentis / 100).toFixed(2),
          side,
          ts_ms: 1,
        });
    }
  }

  sidOf(channel: string): number | undefined {
    for (const [sid, s] of this.subs) if (s.channel === channel) return sid;
    return undefined;
  }

  sendRaw(data: string) {
    for (const ws of this.sockets) if (ws.readyState === 1) ws.send(data);
  }

  push(channel: string, type: string, msg: unknown) {
    for (const [sid, s] of this.subs)
      if (s.channel === channel) s.ws.send(JSON.stringify({ type, sid, msg }));
  }

  dropAll() {
    for (const ws of this.sockets) ws.terminate();
  }

  stop() {
    this.server.stop(true);
  }
}

const until = async (cond: () => boolean, ms = 3_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await Bun.sleep(5);
  }
};

const toCentis = (m: Map<string, number>) =>
  [...m]
    .map(([p, c]) => ({ price: Math.round(Number(p) * 1_000_000), size: c }))
    .sort((a, b) => b.price - a.price);

let stub: StubKalshiWs | null = null;
let feed: LiveFeed | null = null;
afterEach(async () => {
  await feed?.stop();
  stub?.stop();
  feed = null;
  stub = null;
});

function start(extra: Partial<LiveFeedOptions> = {}) {
  stub = new StubKalshiWs();
  const events: FeedEvent[] = [];
  const invalid: InvalidResponseReport[] = [];
  feed = new LiveFeed({
    wsUrl: stub.wsUrl,
    apiKeyId: "key-ws",
    privateKeyPem: testKey().privateKeyPem,
    sleep: () => Bun.sleep(5),
    onInvalidMessage: (r) => invalid.push(r),
    ...extra,
  });
  feed.on((e) => events.push(e));
  return { stub, feed, events, invalid };
}

describe("LiveFeed", () => {
  test("signed upgrade, subscriptions, snapshot and deltas build the right book", async () => {
    const { stub, feed, events } = start();
    stub.delta("KX-A", "yes", "0.9500", 1000);
    stub.delta("KX-A", "no", "0.0300", 500);
    await feed.start();
    expect(stub.upgrades[0]).toEqual({ ok: true, key: "key-ws" });
    feed.watch(["KX-A"]);
    await until(() => feed.isBookFresh("KX-A"));
    stub.delta("KX-A", "yes", "0.9600", 200);
    stub.delta("KX-A", "no", "0.0300", -500);
    await until(() => events.filter((e) => e.type === "book" && e.cause === "delta").length === 2);
    const b = stub.book("KX-A");
    expect(feed.book("KX-A")).toEqual({
      ticker: "KX-A",
      yesBids: toCentis(b.yes),
      noBids: toCentis(b.no),
    } as never);
    const subscribed = events
      .filter((e) => e.type === "subscribed")
      .map((e) => (e as { channel: string }).channel);
    expect(subscribed.sort()).toEqual([
      "fill",
      "market_lifecycle_v2",
      "orderbook_delta",
      "ticker",
      "user_orders",
    ]);
  });

  test("a sequence gap resnapshots and recovers the exact book", async () => {
    const { stub, feed, events } = start();
    stub.delta("KX-G", "yes", "0.9000", 1000);
    await feed.start();
    feed.watch(["KX-G", "KX-H"]);
    await until(() => feed.isBookFresh("KX-G") && feed.isBookFresh("KX-H"));
    stub.delta("KX-G", "yes", "0.9100", 300, true); // lost on the wire
    stub.delta("KX-G", "yes", "0.9000", -400); // reveals the gap
    await until(() => events.some((e) => e.type === "gap"));
    await until(() => feed.isBookFresh("KX-G") && feed.isBookFresh("KX-H"));
    const snapshotRequests = stub.received.filter(
      (m) => m.cmd === "update_subscription" && (m.params as { action: string }).action === "get_snapshot",
    );
    expect(snapshotRequests).toHaveLength(1);
    expect(
      (snapshotRequests[0]?.params as { market_tickers: string[] } | undefined)?.market_tickers.sort(),
    ).toEqual(["KX-G", "KX-H"]);
    const b = stub.book("KX-G");
    expect(feed.book("KX-G")).toEqual({
      ticker: "KX-G",
      yesBids: toCentis(b.yes),
      noBids: toCentis(b.no),
    } as never);
    expect(feed.book("KX-G")?.yesBids).toEqual([
      { price: 910_000, size: 300 },
      { price: 900_000, size: 600 },
    ] as never);
    expect(events.some((e) => e.type === "book_stale" && e.ticker === "KX-G")).toBe(true);
    // Later deltas keep applying on the new baseline.
    stub.delta("KX-G", "no", "0.0500", 100);
    await until(() => (feed.book("KX-G")?.noBids.length ?? 0) === 1);
  });

  test("terminal error 25 on a subscription resubscribes it", async () => {
    const { stub, feed, events } = start();
    await feed.start();
    feed.watch(["KX-T"]);
    await until(() => feed.isBookFresh("KX-T"));
    const sid = stub.sidOf("orderbook_delta") as number;
    stub.sendRaw(
      JSON.stringify({ type: "error", sid, msg: { code: 25, msg: "Subscription buffer overflow" } }),
    );
    await until(() => stub.sidOf("orderbook_delta") !== sid && feed.isBookFresh("KX-T"));
    expect(events.some((e) => e.type === "error" && e.code === 25 && e.channel === "orderbook_delta")).toBe(
      true,
    );
    expect(stub.received.some((m) => m.cmd === "unsubscribe")).toBe(true);
  });

  test("a dropped connection reconnects, resubscribes and resnapshots", async () => {
    const { stub, feed, events } = start();
    stub.delta("KX-R", "yes", "0.9700", 100);
    await feed.start();
    feed.watch(["KX-R"]);
    await until(() => feed.isBookFresh("KX-R"));
    stub.dropAll();
    stub.delta("KX-R", "yes", "0.9800", 100); // happens while we are away
    await until(() => events.filter((e) => e.type === "connected").length === 2);
    await until(() => feed.book("KX-R")?.yesBids.length === 2);
    expect(events.some((e) => e.type === "disconnected" && e.willReconnect)).toBe(true);
    expect(stub.upgrades).toHaveLength(2);
  });

  test("text pings are answered; silence past the heartbeat timeout reconnects", async () => {
    const { stub, feed, events } = start({ heartbeatTimeoutMs: 150 });
    await feed.start();
    stub.sendRaw("heartbeat");
    await until(() => stub.texts.includes("pong"));
    stub.responsive = false; // no pings, no answers: a half-dead connection
    await until(() => events.some((e) => e.type === "disconnected" && e.reason === "heartbeat timeout"));
    stub.responsive = true;
    await until(() => events.filter((e) => e.type === "connected").length >= 2);
  });

  test("ticker, fill, order and lifecycle messages become typed events; bad ones hit the hook", async () => {
    const { stub, feed, events, invalid } = start();
    await feed.start();
    feed.watch(["KX-E"]);
    await until(() => stub.sidOf("ticker") !== undefined && stub.sidOf("fill") !== undefined);
    stub.push("ticker", "ticker", {
      market_ticker: "KX-E",
      market_id: "m",
      price_dollars: "0.9600",
      yes_bid_dollars: "0.9500",
      yes_ask_dollars: "0.9600",
      volume_fp: "10.00",
      open_interest_fp: "5.00",
      dollar_volume: 10,
      dollar_open_interest: 5,
      yes_bid_size_fp: "3.00",
      yes_ask_size_fp: "4.00",
      last_trade_size_fp: "1.00",
      ts: 1767571200,
      ts_ms: 1767571200000,
      time: "2026-01-05T00:00:00Z",
    });
    stub.push("fill", "fill", {
      trade_id: "t1",
      order_id: "o1",
      client_order_id: "c1",
      market_ticker: "KX-E",
      exchange_index: 0,
      is_taker: true,
      side: "yes",
      yes_price_dollars: "0.9600",
      count_fp: "2.00",
      fee_cost: "0.0054",
      action: "buy",
      ts: 1767571200,
      ts_ms: 1767571200000,
      post_position_fp: "2.00",
      purchased_side: "yes",
      outcome_side: "yes",
      book_side: "bid",
    });
    stub.push("user_orders", "user_order", {
      order_id: "o1",
      user_id: "u",
      ticker: "KX-E",
      exchange_index: 0,
      status: "executed",
      side: "yes",
      is_yes: true,
      outcome_side: "yes",
      book_side: "bid",
      yes_price_dollars: "0.9600",
      fill_count_fp: "2.00",
      remaining_count_fp: "0.00",
      initial_count_fp: "2.00",
      taker_fill_cost_dollars: "1.920000",
      maker_fill_cost_dollars: "0.000000",
      taker_fees_dollars: "0.005400",
      maker_fees_dollars: "0.000000",
      client_order_id: "c1",
      created_time: "2026-01-05T00:00:00Z",
      created_ts_ms: 1767571200000,
    });
    stub.push("market_lifecycle_v2", "market_lifecycle_v2", {
      market_ticker: "KX-E",
      event_type: "determined",
      determination_ts: 1767571300,
      result: "yes",
      settlement_value: "1.0000",
    });
    stub.push("fill", "fill", { trade_id: "t2", count_fp: 3 }); // malformed
    await until(() => events.some((e) => e.type === "lifecycle") && invalid.length === 1);
    expect(events.find((e) => e.type === "ticker")).toMatchObject({
      update: { ticker: "KX-E", yesBid: 950_000, yesAsk: 960_000, yesAskSize: 400, time: 1767571200000 },
    });
    expect(events.find((e) => e.type === "fill")).toMatchObject({
      fill: {
        tradeId: "t1",
        clientOrderId: "c1",
        count: 200,
        fee: 5_400,
        outcomeSide: "yes",
        postPosition: 200,
      },
    });
    expect(events.find((e) => e.type === "order")).toMatchObject({
      order: { status: "executed", takerFees: 5_400 },
    });
    expect(events.find((e) => e.type === "lifecycle")).toMatchObject({
      update: {
        eventType: "determined",
        determinationTime: 1767571300000,
        result: "yes",
        settlementValue: 1_000_000,
      },
    });
    expect(invalid[0]?.endpoint).toBe("WS /trade-api/ws/v2 fill");
    expect(feed.connected).toBe(true);
  });

  test("a refused upgrade is retried with backoff, and stop() cuts the backoff short", async () => {
    stub = new StubKalshiWs();
    const events: FeedEvent[] = [];
    const delays: number[] = [];
    feed = new LiveFeed({
      wsUrl: stub.wsUrl,
      apiKeyId: "key-ws",
      privateKeyPem: testKey().privateKeyPem,
      reconnect: { baseDelayMs: 20, maxDelayMs: 60_000 },
      // Short delays really wait; the long one never ends unless stop() cuts it short.
      sleep: (ms) => {
        delays.push(ms);
        return ms < 1_000 ? Bun.sleep(ms) : new Promise(() => undefined);
      },
    });
    // Every upgrade refused, as Kalshi does for a bad signature.
    stub.server.reload({ fetch: () => new Response("unauthorized", { status: 401 }) } as never);
    feed.on((e) => events.push(e));
    void feed.start();
    await until(() => delays.length >= 4);
    expect(events.every((e) => e.type === "disconnected")).toBe(true);
    // Jittered exponential: each delay within [½, 1] × base × 2^n.
    delays.slice(0, 4).forEach((d, n) => {
      expect(d).toBeGreaterThanOrEqual((20 * 2 ** n) / 2);
      expect(d).toBeLessThanOrEqual(20 * 2 ** n);
    });
    await until(() => delays.some((d) => d >= 1_000), 10_000);
    const t0 = Date.now();
    await feed.stop();
    expect(Date.now() - t0).toBeLessThan(500);
  });

  test("unwatch deletes markets; the last one unsubscribes", async () => {
    const { stub, feed } = start({ channels: ["orderbook_delta"] });
    await feed.start();
    feed.watch(["A1", "A2"]);
    await until(() => feed.isBookFresh("A1") && feed.isBookFresh("A2"));
    feed.unwatch(["A1"]);
    await until(() =>
      stub.received.some((m) => (m.params as { action?: string })?.action === "delete_markets"),
    );
    expect(feed.book("A1")).toBeNull();
    feed.unwatch(["A2"]);
    await until(() => stub.received.some((m) => m.cmd === "unsubscribe"));
  });
});
