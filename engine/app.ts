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
import { LiveFeed, type LiveFeedOptions } from "./exchange/feed/feed.ts";
import type { Broker } from "./execution/broker.ts";
import { LiveBroker } from "./execution/live-broker.ts";
import { PaperBroker } from "./execution/paper-broker.ts";
import { recordError } from "./jobs/record-error.ts";
import type { Logger } from "./log.ts";
import { noteLogContext } from "./log-context.ts";
import { CachedEventDirectory } from "./market-data/event-directory.ts";
import { exchangeMarketData } from "./market-data/exchange-market-data.ts";
import { FeeDirectory } from "./market-data/fee-directory.ts";
import { createEngineMetrics, type EngineMetrics } from "./metrics/engine-metrics.ts";
import type { Notifier } from "./notify/notifier.ts";
import { type NotifierTuning, startNotifier } from "./notify/start.ts";
import { allProjections } from "./projections/index.ts";
import { Projector } from "./projections/projector.ts";
import { Leadership } from "./schedule/leader.ts";
import { type RunResult, Scheduler } from "./schedule/scheduler.ts";
import { type Clock, systemClock } from "./time/clock.ts";
import { type IdGenerator, randomIds } from "./time/random.ts";
import type { MarketData } from "./trading/deps.ts";
import { type JobDeps, type JobName, jobRunners, scheduledJobs } from "./trading/jobs.ts";
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
  /** Live-feed timing (tests: a short heartbeat timeout so a silent socket is caught quickly). */
  feed?: Pick<LiveFeedOptions, "heartbeatTimeoutMs" | "snapshotTimeoutMs" | "reconnect">;
  secrets?: readonly string[];
  /** An already-open (and migrated) database; the engine then leaves closing it to the caller. */
  db?: Database;
  /** How often a standby checks whether the leader is gone. */
  leaderIntervalMs?: number;
  /**
   * Webhook notifications (engine/notify), sent beside the engine while it leads. Default: on when
   * a channel is configured. false turns them off; an object tunes them (tests).
   */
  notifications?: boolean | NotifierTuning;
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
  /** What /metrics exposes. */
  metrics: EngineMetrics;
  feed: LiveFeed | null;
  realtime: RealtimeStops | null;
  notifier: Notifier | null;
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
  // Leadership is created below; the metrics only ask it at scrape time.
  let isLeader = () => false;
  const metrics = createEngineMetrics({
    db,
    config,
    clock,
    isLeader: () => isLeader(),
    onCollectError: (error) => log.warn("a metrics collector failed", { error }),
  });
  const store = new EventStore(db, {
    clock,
    ids,
    accountId: config.accountId,
    actor: "engine",
    onAppended: ({ appended, correlationId }) => {
      metrics.events.observe(appended);
      // Lines logged from here on in this job carry the causal chain just written.
      if (correlationId) noteLogContext({ correlationId });
    },
  });
  const projector = new Projector(db, allProjections, {
    onBatch: (b) => metrics.projections.observeBatch(b),
  });
  log.info("projections caught up", { events: await projector.catchUp() });
  const following = projector.follow((error) => log.error("projection failed; will retry", { error }));

  const client = new ExchangeClient(
    clientOptionsFrom(config.kalshi, {
      onRequest: (r) => metrics.exchange.observe(r),
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
    ...exchangeMarketData(client, fees),
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
  const selector = metrics.ai.instrument(
    options.selector ??
      createSelector({ ai: config.ai, clock, ...(options.anthropic ? { client: options.anthropic } : {}) }),
  );
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
      marketPages: (f) => client.catalogPages(f),
      marketsByTicker: (t) => client.allMarkets({ tickers: t }),
    },
    directory: new CachedEventDirectory(client),
  };

  // Reconciliation must finish before any job runs: otherwise a job's own new, still-pending trade
  // looks unfinished to it and both append to the trade's stream (found by test/chaos/crash.test.ts
  // on PostgreSQL: a restart's daily-scan failed with a ConcurrencyError on its own trade).
  let reconciled: Promise<void> = Promise.resolve();
  const leadership = new Leadership(db, {
    accountId: config.accountId,
    intervalMs: options.leaderIntervalMs ?? 2000,
    onChange: (leader) => {
      log.info(leader ? "leading: this engine runs the jobs" : "standing by: another engine leads", {
        leader,
      });
      if (leader) reconciled = becameLeader();
    },
    onError: (error) => log.warn("leadership check failed", { error }),
  });
  isLeader = () => leadership.isLeader;

  const feed =
    (options.realtime ?? Boolean(config.kalshi.credentials))
      ? new LiveFeed(
          feedOptionsFrom(config.kalshi, { channels: ["ticker", "market_lifecycle_v2"], ...options.feed }),
        )
      : null;
  const realtime = feed ? new RealtimeStops(deps, feed, () => leadership.isLeader) : null;

  const afterReconciliation = Object.fromEntries(
    Object.entries(jobRunners(deps)).map(([name, run]) => [
      name,
      async () => {
        await reconciled;
        return run();
      },
    ]),
  ) as ReturnType<typeof jobRunners>;
  const runners = instrumentedRunners(afterReconciliation, metrics, log);
  const scheduler = new Scheduler(scheduledJobs(config, runners), {
    timezone: config.timezone,
    clock,
    speed: options.clockSpeed,
    isLeader: () => leadership.isLeader,
    onRun: (r: RunResult) => {
      // "job done" / "job failed" are logged inside the run's own context (metrics/jobs.ts).
      metrics.jobs.observe(r);
      if (r.status === "failed") void recordError(store, secrets, r.job, r.error);
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
  await reconciled;
  if (feed && realtime) {
    realtime.start();
    // The feed connects in the background; it reconnects by itself.
    void feed.start().then(() => realtime.refresh());
  }
  if ((options.schedule ?? "timers") === "timers") scheduler.start();
  const notifier =
    options.notifications === false
      ? null
      : await startNotifier(
          { config, db, clock, ids, secrets, log, isActive: () => leadership.isLeader },
          typeof options.notifications === "object" ? options.notifications : {},
        );

  return {
    config,
    db,
    store,
    projector,
    client,
    deps,
    scheduler,
    leadership,
    control: engineControl(deps, scheduler, leadership, () => reconciled),
    metrics,
    feed,
    realtime,
    notifier,
    async stop() {
      await notifier?.stop();
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

/** Each job measured, counted and run in its own log context (job, run, then correlation id). */
function instrumentedRunners(
  runners: Record<JobName, () => Promise<unknown>>,
  metrics: EngineMetrics,
  log: Logger,
): Record<JobName, () => Promise<unknown>> {
  return Object.fromEntries(
    Object.entries(runners).map(([job, run]) => [job, metrics.jobs.instrument(job, run, log)]),
  ) as Record<JobName, () => Promise<unknown>>;
}
