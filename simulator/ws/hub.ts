/**
 * The WebSocket side of the exchange at /trade-api/ws/v2: sessions, subscriptions and channel
 * fan-out, in the shapes of Kalshi's AsyncAPI spec.
 *
 *   commands   subscribe, unsubscribe (sids), update_subscription (add_markets, delete_markets,
 *              get_snapshot; sid or sids:[one]), list_subscriptions
 *   channels   orderbook_delta (orderbook_snapshot first, then orderbook_delta), ticker, trade,
 *              fill, user_orders, market_positions, market_lifecycle_v2
 *   seq        every message of a subscription carries `seq`, rising by 1 from 1
 *
 * Order-book deltas are diffs of aggregated levels, computed when the exchange flushes (after
 * each request and each clock sync), against one published state per market that every
 * subscription's snapshot was taken from.
 */
import type { ServerWebSocket } from "bun";
import { count, dollars, isoSeconds } from "../core/format.ts";
import type { ExchangeEvent } from "../exchange/events.ts";
import type { Exchange } from "../exchange/exchange.ts";
import { levelsAt } from "../exchange/market-view.ts";
import { tradeJson } from "../http/serialize/catalog.ts";
import type { MarketState } from "../market/types.ts";
import { fillPayload, positionPayload, tickerCore, userOrderPayload, withTimes } from "./payloads.ts";

export const CHANNELS = [
  "orderbook_delta",
  "ticker",
  "trade",
  "fill",
  "market_positions",
  "market_lifecycle_v2",
  "user_orders",
  // Accepted but silent: the simulator has no RFQs, order groups, combos or index feeds.
  "multivariate_market_lifecycle",
  "communications",
  "order_group_updates",
  "cfbenchmarks_value",
  "cfbenchmarks_value_5hz",
  "pyth_value",
] as const;
export type Channel = (typeof CHANNELS)[number];

const MARKET_CHANNELS: readonly Channel[] = [
  "orderbook_delta",
  "ticker",
  "trade",
  "fill",
  "market_positions",
  "user_orders",
];

export interface WsData {
  session?: Session;
  userId: string;
}

interface Subscription {
  sid: number;
  channel: Channel;
  /** null = every market. */
  markets: Set<string> | null;
  seq: number;
  /** Data messages still to lose (scenario `sequence_gap`): each consumes its seq unsent. */
  lose: number;
  useYesPrice: boolean;
  session: Session;
}

/** Whether this message is lost to a scripted gap: its seq is used up, nothing is sent. */
function lost(sub: Subscription): boolean {
  if (sub.lose <= 0) return false;
  sub.lose--;
  sub.seq++;
  return true;
}

export class Session {
  readonly subs = new Map<number, Subscription>();
  /** A silenced session (scenario `silence_websockets`) stays open but nothing reaches the client. */
  silent = false;
  #nextSid = 1;
  constructor(
    readonly ws: ServerWebSocket<WsData>,
    readonly userId: string,
  ) {}
  newSid(): number {
    return this.#nextSid++;
  }
  send(body: unknown): void {
    if (this.silent) return;
    if (this.ws.readyState === 1) this.ws.sendText(JSON.stringify(body));
  }
}

type Levels = { yes: Map<number, number>; no: Map<number, number> };

class WsError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export class WsHub {
  readonly sessions = new Set<Session>();
  readonly #published = new Map<MarketState, Levels>();
  readonly #dirtyBooks = new Set<MarketState>();
  readonly #lastTicker = new Map<MarketState, string>();
  readonly #dirtyTickers = new Set<MarketState>();
  #flushing = false;

  constructor(private readonly ex: Exchange) {
    ex.on((e) => this.#onEvent(e));
    ex.onFlush(() => this.flush());
  }

  // ------------------------------------------------------------------ connection

  open(ws: ServerWebSocket<WsData>): void {
    const session = new Session(ws, ws.data.userId);
    ws.data.session = session;
    this.sessions.add(session);
  }

  close(ws: ServerWebSocket<WsData>): void {
    const session = ws.data.session;
    if (!session) return;
    for (const sub of [...session.subs.values()]) this.#remove(sub);
    this.sessions.delete(session);
  }

  heartbeat(): void {
    for (const s of this.sessions) if (s.ws.readyState === 1 && !s.silent) s.ws.ping("heartbeat");
  }

  dropAll(): void {
    for (const s of [...this.sessions]) s.ws.terminate();
  }

  message(ws: ServerWebSocket<WsData>, raw: string | Buffer): void {
    const session = ws.data.session;
    // A silenced connection is a dead path both ways: commands get no reply.
    if (!session || session.silent) return;
    let cmd: { id?: unknown; cmd?: unknown; params?: unknown };
    try {
      cmd = JSON.parse(typeof raw === "string" ? raw : raw.toString("utf8"));
      if (typeof cmd !== "object" || cmd === null) throw new Error("not an object");
    } catch {
      session.send({ type: "error", msg: { code: 1, msg: "Unable to process message" } });
      return;
    }
    const id = typeof cmd.id === "number" ? cmd.id : undefined;
    try {
      this.ex.sync();
      this.#command(session, id, cmd.cmd, cmd.params);
    } catch (e) {
      if (e instanceof WsError)
        session.send({
          ...(id !== undefined ? { id } : {}),
          type: "error",
          msg: { code: e.code, msg: e.message, ...e.extra },
        });
      else
        session.send({
          ...(id !== undefined ? { id } : {}),
          type: "error",
          msg: { code: 1, msg: "Unable to process message" },
        });
    }
    this.flush();
  }

  // ------------------------------------------------------------------ commands

  #command(session: Session, id: number | undefined, name: unknown, params: unknown): void {
    const withId = (body: Record<string, unknown>) => (id !== undefined ? { id, ...body } : body);
    if (name === "list_subscriptions") {
      session.send(
        withId({
          type: "ok",
          msg: [...session.subs.values()].map((s) => ({ channel: s.channel, sid: s.sid })),
        }),
      );
      return;
    }
    if (name !== "subscribe" && name !== "unsubscribe" && name !== "update_subscription")
      throw new WsError(5, "Unknown command");
    if (typeof params !== "object" || params === null) throw new WsError(2, "Params required");
    const p = params as Record<string, unknown>;
    if (name === "subscribe") {
      this.#subscribe(session, id, p);
      return;
    }
    if (name === "unsubscribe") {
      const sids = p.sids;
      if (!Array.isArray(sids) || sids.length === 0) throw new WsError(4, "Subscription IDs required");
      for (const sid of sids) {
        const sub = session.subs.get(Number(sid));
        if (!sub) throw new WsError(7, "Unknown subscription ID");
        this.#remove(sub);
        session.send(withId({ sid: sub.sid, seq: ++sub.seq, type: "unsubscribed" }));
      }
      return;
    }
    this.#update(session, id, p);
  }

  #tickers(p: Record<string, unknown>): string[] | undefined {
    const list: string[] = [];
    if (typeof p.market_ticker === "string") list.push(p.market_ticker);
    if (Array.isArray(p.market_tickers))
      for (const t of p.market_tickers) if (typeof t === "string") list.push(t);
    if (p.market_ticker !== undefined && typeof p.market_ticker !== "string")
      throw new WsError(11, "Invalid parameter");
    if (p.market_tickers !== undefined && !Array.isArray(p.market_tickers))
      throw new WsError(11, "Invalid parameter");
    return list.length > 0 ? list : undefined;
  }

  #markets(tickers: readonly string[]): MarketState[] {
    return tickers.map((t) => {
      const m = this.ex.catalog.marketByTicker.get(t);
      if (!m) throw new WsError(11, "Invalid parameter: market not found", { market_ticker: t });
      return m;
    });
  }

  #subscribe(session: Session, id: number | undefined, p: Record<string, unknown>): void {
    const channels = p.channels;
    if (!Array.isArray(channels) || channels.length === 0) throw new WsError(3, "Channels required");
    for (const c of channels)
      if (!(CHANNELS as readonly unknown[]).includes(c)) throw new WsError(8, "Unknown channel name");
    const tickers = this.#tickers(p);
    const markets = tickers ? this.#markets(tickers) : [];
    if (channels.includes("orderbook_delta") && !tickers) throw new WsError(14, "Market Ticker required");
    for (const channel of channels as Channel[]) {
      const sub: Subscription = {
        sid: session.newSid(),
        channel,
        markets: MARKET_CHANNELS.includes(channel) && tickers ? new Set(tickers) : null,
        seq: 0,
        lose: 0,
        useYesPrice: p.use_yes_price === true,
        session,
      };
      session.subs.set(sub.sid, sub);
      session.send({
        ...(id !== undefined ? { id } : {}),
        type: "subscribed",
        msg: { channel, sid: sub.sid },
      });
      if (channel === "orderbook_delta") for (const m of markets) this.#addBookMarket(sub, m);
      if (channel === "ticker") {
        for (const m of markets) this.ex.watch(m);
        if (p.send_initial_snapshot === true) for (const m of markets) this.#sendTicker(sub, m);
      }
    }
  }

  #update(session: Session, id: number | undefined, p: Record<string, unknown>): void {
    const sids = p.sids;
    let sid: number | undefined;
    if (p.sid !== undefined && sids !== undefined)
      throw new WsError(12, "Exactly one subscription ID is required");
    if (typeof p.sid === "number") sid = p.sid;
    else if (Array.isArray(sids)) {
      if (sids.length !== 1) throw new WsError(12, "Exactly one subscription ID is required");
      sid = Number(sids[0]);
    } else throw new WsError(12, "Exactly one subscription ID is required");
    const sub = session.subs.get(sid);
    if (!sub) throw new WsError(7, "Unknown subscription ID");
    const action = p.action;
    if (action === undefined) throw new WsError(15, "Action required");
    if (action !== "add_markets" && action !== "delete_markets" && action !== "get_snapshot")
      throw new WsError(13, "Unsupported action");
    if (!MARKET_CHANNELS.includes(sub.channel)) throw new WsError(13, "Unsupported action");
    const tickers = this.#tickers(p);
    if (!tickers) throw new WsError(14, "Market Ticker required");
    const markets = this.#markets(tickers);
    if (action === "get_snapshot") {
      if (sub.channel !== "orderbook_delta") throw new WsError(13, "Unsupported action");
      for (const m of markets) this.#sendSnapshot(sub, m, id);
      return;
    }
    if (action === "add_markets") {
      if (sub.markets === null) sub.markets = new Set();
      for (const m of markets) {
        if (sub.markets.has(m.ticker)) continue;
        sub.markets.add(m.ticker);
        if (sub.channel === "orderbook_delta") this.#addBookMarket(sub, m);
        if (sub.channel === "ticker") this.ex.watch(m);
      }
    } else if (sub.markets) {
      for (const m of markets) {
        if (!sub.markets.delete(m.ticker)) continue;
        if (sub.channel === "orderbook_delta" || sub.channel === "ticker") this.ex.unwatch(m);
      }
    }
    session.send({
      ...(id !== undefined ? { id } : {}),
      sid: sub.sid,
      seq: ++sub.seq,
      type: "ok",
      msg: { market_tickers: [...(sub.markets ?? [])] },
    });
  }

  #remove(sub: Subscription): void {
    sub.session.subs.delete(sub.sid);
    if ((sub.channel === "orderbook_delta" || sub.channel === "ticker") && sub.markets) {
      for (const t of sub.markets) {
        const m = this.ex.catalog.marketByTicker.get(t);
        if (m) this.ex.unwatch(m);
      }
    }
  }

  // ------------------------------------------------------------------ order books

  #currentLevels(m: MarketState): Levels {
    const lv = levelsAt(this.ex, m, this.ex.t);
    return {
      yes: new Map(lv.bids.map((l) => [l.price as number, l.size as number])),
      no: new Map(lv.asks.map((l) => [1_000_000 - l.price, l.size as number])),
    };
  }

  #addBookMarket(sub: Subscription, m: MarketState): void {
    this.ex.watch(m);
    // Bring every other subscriber up to date first, so all share one published state and the
    // new subscription starts from a snapshot of exactly that state.
    this.#flushBook(m, sub);
    this.#sendSnapshot(sub, m, undefined);
  }

  #sendSnapshot(sub: Subscription, m: MarketState, id: number | undefined): void {
    const state = this.#published.get(m) ?? this.#currentLevels(m);
    this.#published.set(m, state);
    const side = (levels: Map<number, number>) =>
      [...levels].sort((a, b) => a[0] - b[0]).map(([price, size]) => [dollars(price), count(size)]);
    const msg: Record<string, unknown> = { market_ticker: m.ticker, market_id: this.ex.marketId(m) };
    const yes = side(state.yes);
    const noLevels = sub.useYesPrice ? new Map([...state.no].map(([p, s]) => [1_000_000 - p, s])) : state.no;
    const no = side(noLevels);
    if (yes.length > 0) msg.yes_dollars_fp = yes;
    if (no.length > 0) msg.no_dollars_fp = no;
    sub.session.send({
      ...(id !== undefined ? { id } : {}),
      type: "orderbook_snapshot",
      sid: sub.sid,
      seq: ++sub.seq,
      msg,
    });
  }

  #bookSubs(m: MarketState, exclude?: Subscription): Subscription[] {
    const out: Subscription[] = [];
    for (const s of this.sessions) {
      for (const sub of s.subs.values()) {
        if (sub !== exclude && sub.channel === "orderbook_delta" && sub.markets?.has(m.ticker)) out.push(sub);
      }
    }
    return out;
  }

  #flushBook(m: MarketState, exclude?: Subscription): void {
    const subs = this.#bookSubs(m, exclude);
    if (subs.length === 0) {
      this.#published.delete(m);
      return;
    }
    const before = this.#published.get(m);
    const now = this.#currentLevels(m);
    this.#published.set(m, now);
    if (!before) return;
    const t = this.ex.t;
    const deltas: { side: "yes" | "no"; price: number; delta: number }[] = [];
    for (const side of ["yes", "no"] as const) {
      const prices = new Set([...before[side].keys(), ...now[side].keys()]);
      for (const price of [...prices].sort((a, b) => a - b)) {
        const d = (now[side].get(price) ?? 0) - (before[side].get(price) ?? 0);
        if (d !== 0) deltas.push({ side, price, delta: d });
      }
    }
    for (const sub of subs) {
      for (const d of deltas) {
        if (lost(sub)) continue;
        const price = d.side === "no" && sub.useYesPrice ? 1_000_000 - d.price : d.price;
        sub.session.send({
          type: "orderbook_delta",
          sid: sub.sid,
          seq: ++sub.seq,
          msg: {
            market_ticker: m.ticker,
            market_id: this.ex.marketId(m),
            price_dollars: dollars(price),
            delta_fp: count(d.delta),
            side: d.side,
            ts: isoSeconds(t),
            ts_ms: t,
          },
        });
      }
    }
  }

  // ------------------------------------------------------------------ fan-out

  #subsFor(channel: Channel, ticker: string | undefined, userId?: string): Subscription[] {
    const out: Subscription[] = [];
    for (const s of this.sessions) {
      if (userId !== undefined && s.userId !== userId) continue;
      for (const sub of s.subs.values()) {
        if (sub.channel !== channel) continue;
        if (ticker !== undefined && sub.markets !== null && !sub.markets.has(ticker)) continue;
        out.push(sub);
      }
    }
    return out;
  }

  #emit(sub: Subscription, type: string, msg: unknown): void {
    if (lost(sub)) return;
    sub.session.send({ type, sid: sub.sid, seq: ++sub.seq, msg });
  }

  #sendTicker(sub: Subscription, m: MarketState): void {
    this.#emit(sub, "ticker", withTimes(tickerCore(this.ex, m), this.ex.t));
  }

  #onEvent(e: ExchangeEvent): void {
    if (this.sessions.size === 0) return;
    switch (e.type) {
      case "book":
        this.#dirtyBooks.add(e.market);
        this.#dirtyTickers.add(e.market);
        return;
      case "trade":
        this.#dirtyTickers.add(e.market);
        for (const sub of this.#subsFor("trade", e.market.ticker)) {
          // The channel's trade has market_ticker and ts/ts_ms instead of REST's ticker/created_time.
          const { ticker: _ticker, created_time: _created, ...fields } = tradeJson(e.trade);
          this.#emit(sub, "trade", {
            ...fields,
            market_ticker: e.trade.ticker,
            ts: Math.floor(e.trade.time / 1000),
            ts_ms: e.trade.time,
          });
        }
        return;
      case "fill":
        for (const sub of this.#subsFor("fill", e.fill.ticker, e.userId))
          this.#emit(sub, "fill", fillPayload(e.fill));
        return;
      case "order":
        for (const sub of this.#subsFor("user_orders", e.order.ticker, e.userId))
          this.#emit(sub, "user_order", userOrderPayload(e.order));
        return;
      case "position": {
        const p = this.ex.accounts.get(e.userId)?.positions.get(e.ticker);
        if (!p) return;
        for (const sub of this.#subsFor("market_positions", e.ticker, e.userId))
          this.#emit(sub, "market_position", positionPayload(e.userId, p));
        return;
      }
      case "lifecycle":
        for (const sub of this.#subsFor("market_lifecycle_v2", undefined))
          this.#emit(sub, "market_lifecycle_v2", e.msg);
        this.#dirtyTickers.add(e.market);
        this.#dirtyBooks.add(e.market);
        return;
      case "drop_connections":
        this.dropAll();
        return;
      case "silence_connections":
        // Only the connections open now: a client that reconnects gets a working one.
        for (const session of this.sessions) session.silent = true;
        return;
      case "lose_messages":
        for (const sub of this.#subsFor(e.channel as Channel, e.ticker ?? undefined)) sub.lose += e.count;
        return;
    }
  }

  flush(): void {
    if (this.#flushing || this.sessions.size === 0) {
      this.#dirtyBooks.clear();
      this.#dirtyTickers.clear();
      return;
    }
    this.#flushing = true;
    try {
      for (const m of [...this.#dirtyBooks]) this.#flushBook(m);
      this.#dirtyBooks.clear();
      for (const m of [...this.#dirtyTickers]) {
        const subs = this.#subsFor("ticker", m.ticker);
        if (subs.length === 0) continue;
        const core = tickerCore(this.ex, m);
        const key = JSON.stringify(core);
        if (this.#lastTicker.get(m) === key) continue;
        this.#lastTicker.set(m, key);
        const msg = withTimes(core, this.ex.t);
        for (const sub of subs) this.#emit(sub, "ticker", msg);
      }
      this.#dirtyTickers.clear();
    } finally {
      this.#flushing = false;
    }
  }
}
