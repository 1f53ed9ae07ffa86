import type Anthropic from "@anthropic-ai/sdk";
import { EventStore } from "../events/event-store.ts";
import { createSelector } from "./analyst/analyze.ts";
import type { Selector } from "./analyst/types.ts";
import type { EngineControl } from "./api/control.ts";
import type { Config } from "./config/index.ts";
import { engineControl } from "./control.ts";
import type { Database } from "./db/database.ts";
import { openDatabase } from "./db/open.ts";
import { ExchangeClient } from "./exchange/client.ts";
import { clientOptionsFrom, feedOptionsFrom } from "./exchange/connect.ts";
import { LiveFeed } from "./exchange/feed/feed.ts";
import type { Broker } from "./execution/broker.ts";
import { LiveBroker } from "./execution/live-broker.ts";
import { PaperBroker } from "./execution/paper-broker.ts";
import { recordError } from "./jobs/record-error.ts";
import type { Logger } from "./log.ts";
import { CachedEventDirectory } from "./market-data/event-directory.ts";
import { FeeDirectory } from "./market-data/fee-directory.ts";
import { allProjections } from "./projections/index.ts";
import { Projector } from "./projections/projector.ts";
import { Leadership } from "./schedule/leader.ts";
import { type RunResult, Scheduler } from "./schedule/scheduler.ts";
import { type Clock, systemClock } from "./time/clock.ts";
import { type IdGenerator, randomIds } from "./time/random.ts";
import type { MarketData } from "./trading/deps.ts";
import { type JobDeps, jobRunners, scheduledJobs } from "./trading/jobs.ts";
import { RealtimeStops } from "./trading/realtime-stops.ts";
import { reconcile } from "./trading/reconcile.ts";

export interface EngineOptions {
  /** The engine's world time: the system clock, or the simulator's (accelerated or manual). */
  clock?: Clock;
  /** Clock ms per real ms, for an accelerated simulation's timers. */
  clockSpeed?: number;
  ids?: IdGenerator;
  /** A pre-built Anthropic client (tests point it at the fake Messages API). */
  anthropic?: Anthropic;
  selector?: Selector;
  /** "timers": run jobs on their schedules; "manual": only when asked (tests drive runDue()). */
  schedule?: "timers" | "manual";
  /** Follow the live feed for real-time stops (needs Kalshi credentials). Default: when credentials exist. */
  realtime?: boolean;
  secrets?: readonly string[];
  /** An already-open (and migrated) database; the engine then leaves closing it to the caller. */
  db?: Database;
  /** How often a standby checks whether the leader is gone. */
  leaderIntervalMs?: number;
}

export interface Engine {
  config: Config;
  db: Database;
  store: EventStore;
  projector: Projector;
  client: ExchangeClient;
  deps: JobDeps;
  scheduler: Scheduler;
  leadership: Leadership;
  control: EngineControl;
  feed: LiveFeed | null;
  realtime: RealtimeStops | null;
  stop(): Promise<void>;
}

/**
 * The composition root. Start-up and crash recovery are one path: open the database (which
 * migrates under a lock), bring every projection up to the end of the log, take leadership, and as
 * leader reconcile every unfinished order with the exchange before any job runs.
 * Live, paper and backtest differ only in the clock, the market data and the broker.
 */
export async function startEngine(config: Config, log: Logger, options: EngineOptions = {}): Promise<Engine> {
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? randomIds;
  const secrets = options.secrets ?? [];
  const db = options.db ?? (await openDatabase(config.database));
  log.info("database ready", { database: config.database.kind });
  const store = new EventStore(db, { clock, ids, accountId: config.accountId, actor: "engine" });
  const projector = new Projector(db, allProjections);
  log.info("projections caught up", { events: await projector.catchUp() });
  const following = projector.follow((error) => log.error("projection failed; will retry", { error }));

  const client = new ExchangeClient(
    clientOptionsFrom(config.kalshi, {
      onInvalidResponse: (report) => {
        void recordError(
          store,
          secrets,
          report.endpoint,
          new Error(`invalid response: ${report.field}: ${report.issue}`),
          {
            endpoint: report.endpoint,
            field: report.field,
          },
        );
      },
    }),
  );
  const fees = new FeeDirectory(db, client);
  const market: MarketData = {
    getOrderBook: (t) => client.getOrderBook(t),
    getOrderBooks: (t) => client.getOrderBooks(t),
    getMarket: (t) => client.getMarket(t),
    getBalance: () => client.getBalance(),
    getPositions: () => client.getPositions(),
    settlements: (f) => client.settlements(f),
    feesFor: (t) => fees.feesFor(t),
    // health() asks this when present
    ...({ getExchangeStatus: () => client.getExchangeStatus() } as object),
  };
  const broker: Broker =
    config.trading.mode === "live"
      ? new LiveBroker(client)
      : new PaperBroker(
          { getOrderBook: (t) => client.getOrderBook(t), feesFor: (t) => fees.feesFor(t) },
          clock,
        );
  const selector =
    options.selector ??
    createSelector({ ai: config.ai, clock, ...(options.anthropic ? { client: options.anthropic } : {}) });
  const deps: JobDeps = {
    config,
    db,
    store,
    projector,
    clock,
    ids,
    market,
    broker,
    selector,
    log,
    secrets,
    catalog: {
      marketPages: (f) => client.marketPages(f),
      marketsByTicker: (t) => client.allMarkets({ tickers: t }),
    },
    directory: new CachedEventDirectory(client),
  };

  const leadership = new Leadership(db, {
    accountId: config.accountId,
    intervalMs: options.leaderIntervalMs ?? 2000,
    onChange: (leader) => {
      log.info(leader ? "leading: this engine runs the jobs" : "standing by: another engine leads", {
        leader,
      });
      if (leader) void becameLeader();
    },
    onError: (error) => log.warn("leadership check failed", { error }),
  });

  const feed =
    (options.realtime ?? Boolean(config.kalshi.credentials))
      ? new LiveFeed(feedOptionsFrom(config.kalshi, { channels: ["ticker", "market_lifecycle_v2"] }))
      : null;
  const realtime = feed ? new RealtimeStops(deps, feed, () => leadership.isLeader) : null;

  const runners = jobRunners(deps);
  const scheduler = new Scheduler(scheduledJobs(config, runners), {
    timezone: config.timezone,
    clock,
    speed: options.clockSpeed,
    isLeader: () => leadership.isLeader,
    onRun: (r: RunResult) => {
      if (r.status === "failed") {
        log.error("job failed", { job: r.job, error: r.error });
        void recordError(store, secrets, r.job, r.error);
      } else if (r.status === "ok") log.info("job done", { job: r.job, ms: r.finishedAt - r.startedAt });
      void realtime?.refresh().catch(() => {});
    },
  });

  async function becameLeader() {
    try {
      const result = await reconcile(deps);
      if (result.completed || result.failed || result.unknownPositions)
        log.warn("reconciled with the exchange", { ...result });
      await realtime?.refresh();
    } catch (error) {
      log.error("reconciliation failed", { error });
      await recordError(store, secrets, "reconcile", error);
    }
  }

  await leadership.start();
  if (feed && realtime) {
    realtime.start();
    // The feed connects in the background; it reconnects by itself.
    void feed.start().then(() => realtime.refresh());
  }
  if ((options.schedule ?? "timers") === "timers") scheduler.start();

  return {
    config,
    db,
    store,
    projector,
    client,
    deps,
    scheduler,
    leadership,
    control: engineControl(deps, scheduler, leadership),
    feed,
    realtime,
    async stop() {
      scheduler.stop();
      realtime?.stop();
      await feed?.stop();
      await leadership.stop();
      await following.stop();
      if (!options.db) await db.close();
      log.info("engine stopped");
    },
  };
}
