/**
 * LiveFeed: Kalshi's WebSocket (trade-api/ws/v2) as a stream of typed events, with a live order
 * book per watched market.
 *
 * - Signed upgrade: KALSHI-ACCESS-* headers signing `GET /trade-api/ws/v2`.
 * - Keep-alive: Bun answers protocol pings itself; a text "ping"/"heartbeat" (or a JSON
 *   {"type":"ping"}) is answered in kind. No frame at all for `heartbeatTimeoutMs` (Kalshi pings
 *   every 10 s) means a dead connection: drop it and reconnect.
 * - Reconnect with jittered exponential backoff, forever until stop(); every subscription is
 *   made again and every book is resnapshotted.
 * - Sequence numbers per sid: a gap on the order-book subscription marks its books stale and
 *   asks for snapshots (update_subscription get_snapshot); if they do not come in
 *   `snapshotTimeoutMs`, or the request fails, the channel is resubscribed. Gaps elsewhere are
 *   reported as `gap` events for the engine to reconcile over REST.
 * - Terminal errors (codes 10 and 25) resubscribe the channel.
 */
import type { ZodType } from "zod";
import { type Clock, systemClock } from "../../time/clock.ts";
import { type Random, seededRandom } from "../../time/random.ts";
import { realSleep, type Sleep } from "../rate-limit.ts";
import { backoffDelay, type RetryPolicy } from "../retry.ts";
import { pathOnly, type RequestSigner, signerFrom } from "../signer.ts";
import type { OrderBook } from "../types.ts";
import { type InvalidResponseHook, validate } from "../validate.ts";
import { ALL_CHANNELS, type FeedChannel, type FeedEvent, type FeedListener } from "./events.ts";
import { LiveBook } from "./live-book.ts";
import {
  deltaMsg,
  type Envelope,
  envelopeSchema,
  errorMsg,
  fillMsg,
  lifecycleMsg,
  snapshotMsg,
  subscribedMsg,
  tickerMsg,
  userOrderMsg,
} from "./messages.ts";
import {
  bunSocketFactory,
  OPEN,
  realTimers,
  type SocketFactory,
  type SocketLike,
  type Timers,
} from "./socket.ts";
import { type Command, Subscriptions } from "./subscriptions.ts";

/** Kalshi: "the following channel errors are terminal and the user must resubscribe". */
export const TERMINAL_ERROR_CODES: ReadonlySet<number> = new Set([10, 25]);
/** Processing error, command timeout, too many requests: worth another try later. */
const TRANSIENT_ERROR_CODES: ReadonlySet<number> = new Set([1, 18, 27]);
const MAX_SUBSCRIBE_RETRIES = 5;

export interface LiveFeedOptions {
  /** e.g. KALSHI_ENVIRONMENTS.production.wsUrl or the simulator's wsUrl. */
  wsUrl: string;
  apiKeyId?: string;
  privateKeyPem?: string;
  channels?: readonly FeedChannel[];
  /** Liveness and snapshot timing. */
  clock?: Clock;
  /** Time written into the upgrade's KALSHI-ACCESS-TIMESTAMP. */
  signingClock?: Clock;
  sleep?: Sleep;
  random?: Random;
  reconnect?: { baseDelayMs?: number; maxDelayMs?: number };
  heartbeatTimeoutMs?: number;
  snapshotTimeoutMs?: number;
  onInvalidMessage?: InvalidResponseHook;
  socketFactory?: SocketFactory;
  timers?: Timers;
}

const FEED_ENDPOINT = "WS /trade-api/ws/v2";

export class LiveFeed {
  readonly #o: Required<Pick<LiveFeedOptions, "wsUrl" | "heartbeatTimeoutMs" | "snapshotTimeoutMs">>;
  readonly #signer: RequestSigner | null;
  readonly #clock: Clock;
  readonly #sleep: Sleep;
  readonly #random: Random;
  readonly #policy: RetryPolicy;
  readonly #factory: SocketFactory;
  readonly #timers: Timers;
  readonly #onInvalid: InvalidResponseHook | undefined;
  readonly #listeners = new Set<FeedListener>();
  readonly #subs: Subscriptions;
  readonly #books = new Map<string, LiveBook>();
  /** Markets waiting for a snapshot after a gap, and the get_snapshot command asking for them. */
  readonly #awaitingSnapshot = new Set<string>();
  #snapshotTimer: unknown = null;
  #socket: SocketLike | null = null;
  #stopped = true;
  #loop: Promise<void> | null = null;
  #lastFrame = 0;
  #failures = 0;
  #closeCurrent: (() => void) | null = null;
  readonly #subscribeRetries = new Map<FeedChannel, number>();
  /** Resolves when stop() is called, to cut a reconnect backoff short. */
  #stopSignal: Promise<void> = Promise.resolve();
  #signalStop: () => void = () => undefined;

  constructor(opts: LiveFeedOptions) {
    this.#o = {
      wsUrl: opts.wsUrl,
      heartbeatTimeoutMs: opts.heartbeatTimeoutMs ?? 30_000,
      snapshotTimeoutMs: opts.snapshotTimeoutMs ?? 10_000,
    };
    this.#signer = signerFrom(opts.apiKeyId, opts.privateKeyPem, opts.signingClock);
    this.#clock = opts.clock ?? systemClock;
    this.#sleep = opts.sleep ?? realSleep;
    this.#random = opts.random ?? seededRandom(0x5eed);
    this.#policy = {
      maxAttempts: Number.MAX_SAFE_INTEGER,
      baseDelayMs: 250,
      maxDelayMs: 30_000,
      ...opts.reconnect,
    };
    this.#factory = opts.socketFactory ?? bunSocketFactory;
    this.#timers = opts.timers ?? realTimers;
    this.#onInvalid = opts.onInvalidMessage;
    this.#subs = new Subscriptions(opts.channels ?? ALL_CHANNELS);
  }

  /** Adds a listener; returns the function that removes it. */
  on(listener: FeedListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get connected(): boolean {
    return this.#socket?.readyState === OPEN;
  }

  get watched(): ReadonlySet<string> {
    return this.#subs.watched;
  }

  /**
   * Connects (and keeps reconnecting until stop()). Resolves once the first connection is open,
   * so against an unreachable exchange it waits, retrying, until stop().
   */
  start(): Promise<void> {
    if (!this.#stopped) return Promise.resolve();
    this.#stopped = false;
    this.#stopSignal = new Promise((resolve) => {
      this.#signalStop = resolve;
    });
    return new Promise((resolve) => {
      this.#loop = this.#run(resolve);
    });
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#signalStop();
    this.#clearSnapshotTimer();
    this.#closeCurrent?.();
    await this.#loop;
    this.#loop = null;
  }

  watch(tickers: readonly string[]): void {
    for (const t of tickers) if (!this.#books.has(t)) this.#books.set(t, new LiveBook(t));
    this.#sendAll(this.#subs.watch(tickers));
  }

  unwatch(tickers: readonly string[]): void {
    for (const t of tickers) {
      this.#books.delete(t);
      this.#awaitingSnapshot.delete(t);
    }
    this.#sendAll(this.#subs.unwatch(tickers));
  }

  /** The live book, or null when the market is not watched or its book is not trustworthy now. */
  book(ticker: string): OrderBook | null {
    const b = this.#books.get(ticker);
    return b?.fresh ? b.toOrderBook() : null;
  }

  isBookFresh(ticker: string): boolean {
    return this.#books.get(ticker)?.fresh ?? false;
  }

  // ── connection ─────────────────────────────────────────────────────────────────────────

  async #run(firstOpen: () => void): Promise<void> {
    let attempt = 0;
    while (!this.#stopped) {
      attempt++;
      const { code, reason } = await this.#connectOnce(attempt, firstOpen);
      this.#socket = null;
      this.#markAllStale("reconnect");
      this.#emit({ type: "disconnected", code, reason, willReconnect: !this.#stopped });
      if (this.#stopped) break;
      const delay = backoffDelay(Math.min(this.#failures, 30), this.#policy, this.#random);
      this.#failures++;
      await Promise.race([this.#sleep(delay), this.#stopSignal]);
    }
    firstOpen(); // never leave start() hanging after stop()
  }

  #connectOnce(attempt: number, firstOpen: () => void): Promise<{ code: number; reason: string }> {
    return new Promise((resolve) => {
      let done = false;
      let watchdog: unknown = null;
      let socket: SocketLike;
      const finish = (code: number, reason: string) => {
        if (done) return;
        done = true;
        if (watchdog !== null) this.#timers.clearInterval(watchdog);
        this.#closeCurrent = null;
        socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
        resolve({ code, reason });
      };
      const teardown = (code: number, reason: string) => {
        try {
          if (socket.terminate) socket.terminate();
          else socket.close(1000, reason);
        } catch {
          // already closed
        }
        finish(code, reason);
      };
      try {
        const headers = this.#signer ? this.#signer.headers("GET", pathOnly(this.#o.wsUrl)) : {};
        socket = this.#factory(this.#o.wsUrl, headers);
      } catch {
        resolve({ code: 1006, reason: "could not open socket" });
        return;
      }
      this.#socket = socket;
      this.#closeCurrent = () => teardown(1000, "stopped");
      socket.onopen = () => {
        this.#lastFrame = this.#clock.now();
        watchdog = this.#timers.setInterval(
          () => {
            if (this.#clock.now() - this.#lastFrame > this.#o.heartbeatTimeoutMs)
              teardown(4000, "heartbeat timeout");
          },
          Math.max(10, Math.floor(this.#o.heartbeatTimeoutMs / 3)),
        );
        this.#emit({ type: "connected", attempt });
        this.#subscribeRetries.clear();
        this.#sendAll(this.#subs.reset());
        firstOpen();
      };
      socket.addEventListener?.("ping", () => {
        this.#lastFrame = this.#clock.now();
      });
      socket.onmessage = (ev) => {
        this.#lastFrame = this.#clock.now();
        const data = ev.data;
        this.#onText(typeof data === "string" ? data : Buffer.from(data as ArrayBuffer).toString("utf8"));
      };
      socket.onclose = (ev) => finish(ev.code, ev.reason);
      socket.onerror = () => {
        // A close event follows; if the socket never opened there may be none, so finish here.
        if (socket.readyState !== OPEN) finish(1006, "connection failed");
      };
    });
  }

  #send(c: Command | Record<string, unknown> | string): void {
    const s = this.#socket;
    if (!s || s.readyState !== OPEN) return; // state is rebuilt from scratch on reconnect
    s.send(typeof c === "string" ? c : JSON.stringify(c));
  }

  #sendAll(cs: readonly Command[]): void {
    for (const c of cs) this.#send(c);
  }

  #emit(e: FeedEvent): void {
    for (const l of this.#listeners) {
      try {
        l(e);
      } catch {
        // One listener's failure must not starve the others or kill the socket handler.
      }
    }
  }

  // ── inbound ────────────────────────────────────────────────────────────────────────────

  #onText(text: string): void {
    const trimmed = text.trim().toLowerCase();
    if (trimmed === "ping" || trimmed === "heartbeat") {
      this.#send("pong");
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      this.#invalid("", "message is not JSON", text);
      return;
    }
    let env: Envelope;
    try {
      env = validate(FEED_ENDPOINT, envelopeSchema, raw, this.#onInvalid);
    } catch {
      return;
    }
    try {
      this.#dispatch(env);
    } catch {
      // validate() already reported the bad message; one bad message must not kill the feed.
    }
  }

  #invalid(field: string, issue: string, sample: string): void {
    try {
      this.#onInvalid?.({ endpoint: FEED_ENDPOINT, field, issue, sample: sample.slice(0, 300) });
    } catch {
      // observer failure is not ours to handle
    }
  }

  #parse<T>(type: string, schema: ZodType<T>, msg: unknown): T {
    return validate(`${FEED_ENDPOINT} ${type}`, schema, msg, this.#onInvalid);
  }

  #dispatch(env: Envelope): void {
    switch (env.type) {
      case "ping":
        this.#send(env.id === undefined ? { type: "pong" } : { type: "pong", id: env.id });
        return;
      case "subscribed": {
        const m = this.#parse("subscribed", subscribedMsg, env.msg);
        if (!this.#subs.channels.includes(m.channel as FeedChannel)) return;
        const channel = m.channel as FeedChannel;
        this.#failures = 0;
        this.#subscribeRetries.delete(channel);
        this.#emit({ type: "subscribed", channel, sid: m.sid });
        this.#sendAll(this.#subs.onSubscribed(env.id, channel, m.sid));
        return;
      }
      case "ok":
      case "unsubscribed":
        if (env.id !== undefined) this.#subs.onCommandDone(env.id);
        if (env.sid !== undefined && env.seq !== undefined) this.#subs.noteReplySeq(env.sid, env.seq);
        return;
      case "error":
        this.#onError(env);
        return;
    }
    // Data messages. A sid we no longer hold belongs to a dropped subscription: ignore it.
    if (env.sid === undefined) return;
    const channel = this.#subs.channelOfSid(env.sid);
    if (channel === null) return;
    if (env.seq !== undefined) {
      const check = this.#subs.checkSeq(env.sid, env.seq);
      if (!check.ok) this.#onGap(channel, env.sid, check.expected, check.got);
    }
    switch (env.type) {
      case "orderbook_snapshot":
        this.#onSnapshot(this.#parse(env.type, snapshotMsg, env.msg));
        break;
      case "orderbook_delta":
        this.#onDelta(this.#parse(env.type, deltaMsg, env.msg));
        break;
      case "ticker":
        this.#emit({ type: "ticker", update: this.#parse(env.type, tickerMsg, env.msg) });
        break;
      case "fill":
        this.#emit({ type: "fill", fill: this.#parse(env.type, fillMsg, env.msg) });
        break;
      case "user_order":
        this.#emit({ type: "order", order: this.#parse(env.type, userOrderMsg, env.msg) });
        break;
      case "market_lifecycle_v2":
        this.#emit({ type: "lifecycle", update: this.#parse(env.type, lifecycleMsg, env.msg) });
        break;
      default:
        // event_lifecycle, event_fee_update, trade…: not used by the engine.
        break;
    }
  }

  #onError(env: Envelope): void {
    const parsed = errorMsg.safeParse(env.msg);
    const code = parsed.success ? parsed.data.code : null;
    const message = parsed.success ? parsed.data.msg : "malformed error message";
    const rejected = parsed.success ? parsed.data.tickers : [];
    const failed = env.id !== undefined ? this.#subs.onCommandError(env.id) : undefined;
    const channel = failed?.channel ?? (env.sid !== undefined ? this.#subs.channelOfSid(env.sid) : null);
    this.#emit({ type: "error", code, message, channel, tickers: rejected });
    if (!channel) return;
    const terminal = code !== null && TERMINAL_ERROR_CODES.has(code);
    // A failed snapshot request leaves stale books without a way back: start the channel over.
    if (terminal || failed?.action === "get_snapshot") {
      this.#resubscribe(channel);
      return;
    }
    // A refused subscribe or add_markets leaves the channel short of markets. Retrying helps
    // only if the cause was transient or the markets the exchange named are left out, and then
    // only a few times; otherwise the engine has the error event to act on.
    const refusedMarkets = failed?.cmd === "subscribe" || failed?.action === "add_markets";
    const transient = code !== null && TRANSIENT_ERROR_CODES.has(code);
    if (!refusedMarkets || !(transient || rejected.length > 0)) return;
    const tries = (this.#subscribeRetries.get(channel) ?? 0) + 1;
    this.#subscribeRetries.set(channel, tries);
    if (tries > MAX_SUBSCRIBE_RETRIES) return;
    if (rejected.length > 0) {
      // Markets the exchange refuses (an unknown ticker…) would fail every retry: stop watching them.
      for (const t of rejected) {
        this.#books.delete(t);
        this.#awaitingSnapshot.delete(t);
      }
      this.#subs.forget(rejected);
      this.#resubscribe(channel);
      return;
    }
    void Promise.race([
      this.#sleep(backoffDelay(tries - 1, this.#policy, this.#random)),
      this.#stopSignal,
    ]).then(() => {
      if (!this.#stopped) this.#resubscribe(channel);
    });
  }

  #resubscribe(channel: FeedChannel): void {
    if (channel === "orderbook_delta") this.#markAllStale(`resubscribing ${channel}`);
    this.#sendAll(this.#subs.resubscribe(channel));
  }

  #onGap(channel: FeedChannel, sid: number, expected: number, got: number): void {
    this.#emit({ type: "gap", channel, sid, expected, got });
    if (channel !== "orderbook_delta") return;
    // Seq is per subscription, not per market: any of its markets may have lost a delta.
    const tickers = [...this.#subs.marketsOf("orderbook_delta")];
    this.#requestSnapshots(tickers, `sequence gap (expected ${expected}, got ${got})`);
  }

  #requestSnapshots(tickers: readonly string[], reason: string): void {
    const ask: string[] = [];
    for (const t of tickers) {
      const book = this.#books.get(t);
      if (book?.fresh) {
        book.markStale();
        this.#emit({ type: "book_stale", ticker: t, reason });
      }
      if (!this.#awaitingSnapshot.has(t)) {
        this.#awaitingSnapshot.add(t);
        ask.push(t);
      }
    }
    const cmd = this.#subs.snapshotCommand(ask);
    if (!cmd) return;
    this.#send(cmd);
    if (this.#snapshotTimer === null) {
      this.#snapshotTimer = this.#timers.setTimeout(() => {
        this.#snapshotTimer = null;
        if (this.#awaitingSnapshot.size > 0 && !this.#stopped) this.#resubscribe("orderbook_delta");
      }, this.#o.snapshotTimeoutMs);
    }
  }

  #clearSnapshotTimer(): void {
    if (this.#snapshotTimer !== null) this.#timers.clearTimeout(this.#snapshotTimer);
    this.#snapshotTimer = null;
  }

  #markAllStale(reason: string): void {
    this.#awaitingSnapshot.clear();
    this.#clearSnapshotTimer();
    for (const [t, b] of this.#books) {
      if (b.fresh) {
        b.markStale();
        this.#emit({ type: "book_stale", ticker: t, reason });
      }
    }
  }

  #onSnapshot(s: { ticker: string; yes: OrderBook["yesBids"]; no: OrderBook["noBids"] }): void {
    const book = this.#books.get(s.ticker);
    if (!book) return; // not watched (any more)
    book.applySnapshot(s.yes, s.no);
    this.#awaitingSnapshot.delete(s.ticker);
    if (this.#awaitingSnapshot.size === 0) this.#clearSnapshotTimer();
    this.#emit({ type: "book", ticker: s.ticker, book: book.toOrderBook(), cause: "snapshot" });
  }

  #onDelta(d: {
    ticker: string;
    side: "yes" | "no";
    price: OrderBook["yesBids"][number]["price"];
    delta: number;
  }): void {
    const book = this.#books.get(d.ticker);
    // Before its snapshot a book cannot take deltas: the snapshot will include them.
    if (!book?.fresh) return;
    if (!book.applyDelta(d.side, d.price, d.delta)) {
      this.#emit({ type: "book_stale", ticker: d.ticker, reason: "delta took a level below zero" });
      this.#requestSnapshots([d.ticker], "negative level");
      return;
    }
    this.#emit({ type: "book", ticker: d.ticker, book: book.toOrderBook(), cause: "delta" });
  }
}
