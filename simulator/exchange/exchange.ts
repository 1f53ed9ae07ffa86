/**
 * The in-process exchange: catalog, books, accounts and the clock-driven lifecycle, plus the
 * control surface tests and scenarios use (advance time, set a price, settle, pause, faults,
 * ledger). HTTP and WebSocket layers are thin views over this object.
 *
 * Time: every request first calls sync(), which brings the exchange to the clock's current time,
 * running due lifecycle instants and jobs in time order and bringing live books along; the time
 * is then frozen in `t` while the request runs, so one response never mixes two instants.
 */
import { tradingFee } from "../../engine/money/fees.ts";
import { type Centis, type Micros, notional, parseDollars } from "../../engine/money/money.ts";
import type { Clock } from "../../engine/time/clock.ts";
import type { SimClock } from "../core/clock.ts";
import { DAY } from "../core/durations.ts";
import { hashString } from "../core/hash.ts";
import { hashUuid } from "../core/ids.ts";
import { Account } from "../ledger/account.ts";
import { closable, costPerContract, type Position } from "../ledger/position.ts";
import type { FillRecord, OrderRecord, SettlementRecord } from "../ledger/records.ts";
import { Catalog, type NewEvent, type NewMarket, type NewSeries } from "../market/catalog.ts";
import { overridePrice, stepOf } from "../market/fair-value.ts";
import { generateCatalog } from "../market/generate.ts";
import { finalizedTime, resultAt, statusAt } from "../market/lifecycle.ts";
import type { MarketResult, MarketState } from "../market/types.ts";
import { applyAction, loadScenario } from "../scenario/runner.ts";
import { parseAction, parseScenario } from "../scenario/schema.ts";
import { dropBook, ensureBookAt, processLive, requote } from "./books.ts";
import { conflict, notFound } from "./errors.ts";
import type { ExchangeEvent, ExchangeListener, LifecycleMessage } from "./events.ts";
import { Faults } from "./faults.ts";
import { JobQueue, type LifecycleDue, LifecycleSchedule } from "./scheduler.ts";
import { cancelResting } from "./trading.ts";

export interface ExchangeConfig {
  seed: number;
  markets: number;
  clock: SimClock;
  /** The real wall clock (rate limits, auth staleness, fault storms). */
  wall: Clock;
  startingBalanceCents: number;
}

/** Markets that settled longer ago than this are served only by /historical. */
export const HISTORICAL_WINDOW_MS = 90 * DAY;

export interface LedgerSnapshot {
  userId: string;
  /** All amounts in micros ($1 = 1,000,000); counts in centis (1 contract = 100). */
  cash: number;
  reserved: number;
  available: number;
  /** What GET /portfolio/balance reports as `balance`: available funds, whole cents, rounded down. */
  balanceCents: number;
  deposits: number;
  feesTotal: number;
  positions: Position[];
  orders: OrderRecord[];
  fills: FillRecord[];
  settlements: SettlementRecord[];
  /** cash + cost basis − realized P&L + fees must equal deposits, to the micro. */
  reconciliation: {
    costBasis: number;
    realizedPnl: number;
    fees: number;
    settlementPayouts: number;
    balanced: boolean;
  };
}

export class Exchange {
  readonly catalog: Catalog;
  readonly clock: SimClock;
  readonly wall: Clock;
  readonly seed: number;
  /** Catalog creation time: step 0 of every price path. */
  readonly t0: number;
  /** The exchange's current (frozen) time. */
  t: number;
  tradingActive = true;
  /** Trading pauses as [start, end) on the market clock; end = +∞ while paused. */
  readonly pauses: [number, number][] = [];
  readonly accounts = new Map<string, Account>();
  readonly faults: Faults;
  readonly live = new Set<MarketState>();
  readonly materialized = new Set<MarketState>();
  readonly watched = new Map<MarketState, number>();
  readonly jobs = new JobQueue();
  readonly defaultUserId: string;
  readonly startingBalanceCents: number;
  readonly #lifecycle = new LifecycleSchedule();
  readonly #listeners: ExchangeListener[] = [];
  readonly #flushers: (() => void)[] = [];
  readonly #ids = new Map<string, number>();
  #syncing = false;

  constructor(cfg: ExchangeConfig) {
    this.clock = cfg.clock;
    this.wall = cfg.wall;
    this.seed = cfg.seed >>> 0;
    this.t0 = cfg.clock.now();
    this.t = this.t0;
    this.faults = new Faults(cfg.wall);
    this.catalog = new Catalog(this.seed, this.t0);
    generateCatalog(this.catalog, cfg.markets);
    this.#lifecycle.rebuild(this.catalog.markets, this.t0);
    this.startingBalanceCents = cfg.startingBalanceCents;
    this.defaultUserId = hashUuid(this.seed, hashString("user"), 1);
    this.createAccount(this.defaultUserId);
  }

  // ---------------------------------------------------------------- plumbing

  nextId(kind: string): string {
    const n = (this.#ids.get(kind) ?? 0) + 1;
    this.#ids.set(kind, n);
    return hashUuid(this.seed, hashString(kind), n);
  }

  on(listener: ExchangeListener): () => void {
    this.#listeners.push(listener);
    return () => {
      const i = this.#listeners.indexOf(listener);
      if (i >= 0) this.#listeners.splice(i, 1);
    };
  }

  emit(event: ExchangeEvent): void {
    for (const l of this.#listeners) l(event);
  }

  /** Called after each request and sync so subscribers receive batched book deltas. */
  onFlush(flusher: () => void): void {
    this.#flushers.push(flusher);
  }

  flush(): void {
    for (const f of this.#flushers) f();
  }

  createAccount(userId: string, startingBalanceCents = this.startingBalanceCents): Account {
    const existing = this.accounts.get(userId);
    if (existing) return existing;
    const account = new Account(userId, (startingBalanceCents * 10_000) as Micros, this.t);
    this.accounts.set(userId, account);
    return account;
  }

  account(userId: string): Account {
    const a = this.accounts.get(userId);
    if (!a) throw notFound("account");
    return a;
  }

  pausedAt(time: number): boolean {
    return this.pauses.some(([s, e]) => time >= s && time < e);
  }

  historicalCutoff(t = this.t): number {
    return t - HISTORICAL_WINDOW_MS;
  }

  /** Settled before the historical cutoff: only /historical serves it. */
  isHistorical(m: MarketState, t = this.t): boolean {
    return finalizedTime(m) < this.historicalCutoff(t);
  }

  /** Tracks how many user orders rest on a market, and so whether its book is live. */
  setResting(m: MarketState, delta: number, time: number): void {
    const before = m.userResting;
    m.userResting += delta;
    if (before === 0 && m.userResting > 0) {
      // Live from just after `time`: a tape trade exactly at `time` already printed from the model.
      m.liveIntervals.push([time + 1, Number.POSITIVE_INFINITY]);
      this.live.add(m);
    } else if (before > 0 && m.userResting === 0) {
      const last = m.liveIntervals[m.liveIntervals.length - 1];
      if (last) last[1] = time + 1;
      this.live.delete(m);
    }
  }

  /**
   * Funds held for a user's resting orders in one market: what each order would newly open at
   * its limit price (contracts that would close the position, oldest order first, hold nothing),
   * plus its maker fee.
   */
  recomputeReserves(account: Account, m: MarketState): void {
    const fees = this.catalog.seriesOf(m).fees;
    const pos = account.positions.get(m.ticker)?.position ?? 0;
    const pool = { bid: closable(pos, "bid"), ask: closable(pos, "ask") };
    for (const o of account.ordersInOrder) {
      if (o.ticker !== m.ticker) continue;
      if (o.status !== "resting" || o.reduceOnly) {
        if (o.reserved !== 0) account.setReserve(o, 0);
        continue;
      }
      const q = Math.min(o.remaining, pool[o.side]);
      pool[o.side] -= q;
      const opening = o.remaining - q;
      const reserve =
        notional(costPerContract(o.side, o.price), opening as Centis) +
        tradingFee(o.price, o.remaining, "maker", fees);
      account.setReserve(o, reserve);
    }
  }

  // ---------------------------------------------------------------- time

  /** Brings the exchange to the clock's current time. */
  sync(): void {
    if (this.#syncing) return;
    this.#syncing = true;
    try {
      const target = this.clock.now();
      for (;;) {
        const due = this.#lifecycle.peek();
        const jobTime = this.jobs.peekTime();
        const next = Math.max(this.t, Math.min(due?.time ?? Number.POSITIVE_INFINITY, jobTime, target));
        for (const m of [...this.live]) processLive(this, m, next);
        this.t = next;
        if (due && due.time <= next && due.time <= jobTime) {
          this.#lifecycle.take(due);
          this.#onLifecycle(due);
          continue;
        }
        if (jobTime <= next) {
          this.jobs.pop()?.run();
          continue;
        }
        break;
      }
      for (const m of this.watched.keys()) ensureBookAt(this, m, this.t);
      const step = stepOf(this.t0, this.t);
      for (const m of [...this.materialized]) {
        if (m.userResting === 0 && !this.watched.has(m) && m.bookStep !== step) dropBook(this, m);
      }
    } finally {
      this.#syncing = false;
    }
    this.flush();
  }

  /** Moves market time forward and runs everything that becomes due. */
  advance(ms: number): void {
    this.clock.advance(ms);
    this.sync();
  }

  #onLifecycle(due: LifecycleDue): void {
    const m = due.market;
    switch (due.kind) {
      case "open":
        this.#lifecycleMsg(m, { market_ticker: m.ticker, event_type: "activated" });
        return;
      case "close":
        this.#close(m, due.time);
        return;
      case "determine":
        this.#determine(m, due.time);
        return;
      case "finalize":
        this.#finalize(m, due.time);
        return;
    }
  }

  #lifecycleMsg(m: MarketState, msg: LifecycleMessage): void {
    this.emit({ type: "lifecycle", market: m, msg });
  }

  #close(m: MarketState, time: number): void {
    if (m.closedProcessed) return;
    m.closedProcessed = true;
    for (const account of this.accounts.values()) {
      for (const o of account.restingOrders(m.ticker))
        cancelResting(this, account, m, o, "CloseCancel", time);
    }
    dropBook(this, m);
  }

  #determine(m: MarketState, time: number): void {
    const result = resultAt(m, this.t0, time);
    this.#lifecycleMsg(m, {
      market_ticker: m.ticker,
      event_type: "determined",
      determination_ts: Math.floor(time / 1000),
      result,
      settlement_value: result === "yes" ? "1.0000" : "0.0000",
    });
  }

  #finalize(m: MarketState, time: number): void {
    if (m.settledProcessed) return;
    m.settledProcessed = true;
    const result = resultAt(m, this.t0, time);
    if (result === "yes" || result === "no") {
      for (const account of this.accounts.values()) {
        if (account.settle(m.ticker, result, time))
          this.emit({ type: "position", userId: account.userId, ticker: m.ticker });
      }
    }
    this.#lifecycleMsg(m, {
      market_ticker: m.ticker,
      event_type: "settled",
      settled_ts: Math.floor(time / 1000),
    });
  }

  // ---------------------------------------------------------------- control

  market(ticker: string): MarketState {
    const m = this.catalog.marketByTicker.get(ticker);
    if (!m) throw notFound(`market ${ticker}`);
    return m;
  }

  /**
   * Scripted fair value from now on (micros, or a dollar string like "0.70"): the random walk
   * continues from `price` unless `pinned`.
   */
  setPrice(ticker: string, price: Micros | string, pinned = false): void {
    this.sync();
    const m = this.market(ticker);
    const micros = typeof price === "string" ? parseDollars(price) : price;
    if (!(micros > 0 && micros < 1_000_000))
      throw new RangeError(`price ${price} must be strictly between 0 and 1`);
    if (statusAt(m, this.t) === "finalized" || statusAt(m, this.t) === "determined") {
      throw conflict("market_settled", `market ${ticker} is already determined`);
    }
    processLive(this, m, this.t);
    overridePrice(m, this.t0, this.t, micros, pinned);
    requote(this, m, this.t);
    this.emit({ type: "book", market: m });
    this.flush();
  }

  /**
   * Settles a market now with the given result: closes it early if still open (cancelling
   * resting orders), determines it, and finalizes (pays out) after `finalizeAfterMs`
   * (default: the market's settlement timer).
   */
  settle(ticker: string, result: "yes" | "no", finalizeAfterMs?: number): void {
    this.sync();
    const m = this.market(ticker);
    const t = this.t;
    const status = statusAt(m, t);
    if (status === "determined" || status === "finalized") {
      throw conflict("market_settled", `market ${ticker} is already ${status}`);
    }
    if (status === "active" || status === "initialized") {
      processLive(this, m, t);
      if (m.openTime >= t) m.openTime = t - 1;
      m.closeTime = t;
      this.#close(m, t);
      this.#lifecycleMsg(m, {
        market_ticker: m.ticker,
        event_type: "close_date_updated",
        close_ts: Math.floor(t / 1000),
      });
    }
    m.earlyClosed = true;
    m.forcedResult = result;
    m.result = "";
    m.determinationTime = t;
    if (finalizeAfterMs !== undefined) m.settlementTimerMs = Math.max(0, finalizeAfterMs);
    m.updatedTime = t;
    this.#determine(m, t);
    const at = finalizedTime(m);
    this.jobs.push(at, () => {
      if (finalizedTime(m) === at) this.#finalize(m, at);
    });
    this.sync();
    this.flush();
  }

  /** Pauses or resumes trading (GET /exchange/status shows trading_active). */
  setTradingActive(active: boolean): void {
    this.sync();
    if (active === this.tradingActive) return;
    const t = this.t;
    if (!active) {
      this.pauses.push([t, Number.POSITIVE_INFINITY]);
      this.tradingActive = false;
      for (const account of this.accounts.values()) {
        for (const o of account.ordersInOrder) {
          if (o.status !== "resting" || !o.cancelOnPause) continue;
          const m = this.catalog.marketByTicker.get(o.ticker);
          if (m) cancelResting(this, account, m, o, "HaltCancel", t);
        }
      }
    } else {
      const last = this.pauses[this.pauses.length - 1];
      if (last) last[1] = t;
      this.tradingActive = true;
    }
    this.flush();
  }

  dropConnections(): void {
    this.emit({ type: "drop_connections" });
  }

  /** The open WebSockets stay connected but go silent, as a dead network path does. */
  silenceConnections(): void {
    this.emit({ type: "silence_connections" });
  }

  /** Loses the next `count` messages on matching subscriptions: the client sees a `seq` gap. */
  loseMessages(channel: string, ticker: string | null, count: number): void {
    this.emit({ type: "lose_messages", channel, ticker, count });
  }

  /**
   * Applies one scenario action now (validated as in scenario files), e.g.
   * `{ action: "rate_limit_storm", duration_seconds: 5 }` or
   * `{ action: "server_errors", path: "/portfolio/balance", count: 3, status: 503 }`.
   */
  apply(action: unknown): void {
    applyAction(this, parseAction(action));
    this.flush();
  }

  /** Queues a scenario's markets and steps, offsets counted from now. */
  loadScenario(scenario: unknown): void {
    loadScenario(this, parseScenario(scenario));
    this.sync();
  }

  /** Keeps a market's book materialised and re-quoted every step (WebSocket subscriptions). */
  watch(m: MarketState): void {
    this.watched.set(m, (this.watched.get(m) ?? 0) + 1);
    ensureBookAt(this, m, this.t);
  }

  unwatch(m: MarketState): void {
    const n = (this.watched.get(m) ?? 0) - 1;
    if (n <= 0) this.watched.delete(m);
    else this.watched.set(m, n);
  }

  /** Adds scenario-defined series, events and markets after start. */
  addDefinitions(defs: { series: NewSeries[]; events: NewEvent[]; markets: NewMarket[] }): MarketState[] {
    for (const s of defs.series) if (!this.catalog.seriesByTicker.has(s.ticker)) this.catalog.addSeries(s);
    for (const e of defs.events) if (!this.catalog.eventByTicker.has(e.ticker)) this.catalog.addEvent(e);
    const added = defs.markets.map((m) => this.catalog.addMarket(m));
    this.#lifecycle.rebuild(this.catalog.markets, this.t);
    return added;
  }

  /** Money-exact view of one account, for tests and the /sim/ledger endpoint. */
  ledger(userId = this.defaultUserId): LedgerSnapshot {
    const a = this.account(userId);
    const positions = [...a.positions.values()].map((p) => ({ ...p }));
    const costBasis = positions.reduce((s, p) => s + p.cost, 0);
    const realizedPnl = positions.reduce((s, p) => s + p.realizedPnl, 0);
    const settlementPayouts = a.settlements.reduce((s, r) => s + r.payout, 0);
    return {
      userId,
      cash: a.cash,
      reserved: a.reserved,
      available: a.available,
      balanceCents: Math.floor(a.available / 10_000),
      deposits: a.deposits,
      feesTotal: a.feesTotal,
      positions,
      orders: a.ordersInOrder.map((o) => ({ ...o, feeBasis: new Map(o.feeBasis) })),
      fills: a.fills.map((f) => ({ ...f })),
      settlements: a.settlements.map((s) => ({ ...s })),
      reconciliation: {
        costBasis,
        realizedPnl,
        fees: a.feesTotal,
        settlementPayouts,
        balanced: a.cash + costBasis - realizedPnl + a.feesTotal === a.deposits,
      },
    };
  }

  /** A deterministic per-market uuid for the API's `market_id`. */
  marketId(m: MarketState): string {
    return hashUuid(this.seed, hashString("market"), m.key);
  }

  resultOf(m: MarketState): MarketResult {
    return resultAt(m, this.t0, this.t);
  }

  /** Ensures a market's book exists at the current time (and returns it). */
  bookOf(m: MarketState) {
    return ensureBookAt(this, m, this.t);
  }
}
