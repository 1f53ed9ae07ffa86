/**
 * runBacktest: the engine's own trading jobs on a stretch of history. Only three things differ
 * from live, as in engine/app.ts: the clock (a ManualClock the run moves), the market data (a
 * MarketSource showing the world as of that clock) and the broker (the paper broker, walking the
 * source's books with Kalshi's fees). Scanner, selector, risk, orders, stop-loss, resolution and
 * every projection are the live code, writing events into the run's own scratch database.
 *
 * The loop: the engine's Scheduler says when the next job is due; the source folds every market
 * fact up to that instant into its in-memory view (cheap); the clock moves there and the due jobs
 * run against the database. Between jobs, a fact about a held market whose bid falls below the
 * stop threshold stops the fold at that instant and sells, like the live real-time stop path.
 */
import { RulesSelector } from "../analyst/rules/selector.ts";
import type { Selector } from "../analyst/types.ts";
import { type Config, loadConfig } from "../config/index.ts";
import type { Database, Queryable } from "../db/database.ts";
import { PaperBroker } from "../execution/paper-broker.ts";
import { createLogger, type Logger } from "../log.ts";
import { MemoryMarketCache } from "../market-data/memory-market-cache.ts";
import type { Micros } from "../money/money.ts";
import { allProjections } from "../projections/index.ts";
import { evaluateStopLoss } from "../risk/stop-loss.ts";
import { type ScheduledJob, Scheduler } from "../schedule/scheduler.ts";
import { ManualClock } from "../time/clock.ts";
import { seededIds } from "../time/random.ts";
import { closePosition } from "../trading/close-position.ts";
import { type JobDeps, jobRunners, scheduledJobs } from "../trading/jobs.ts";
import { openPositions } from "../trading/read-model.ts";
import { CountingEventStore } from "./counting-store.ts";
import { openScratchDatabase } from "./scratch-db.ts";
import { type AiSpend, cachedAiSelector } from "./selectors/cached-ai.ts";
import { loadRecordedDecisions, type RecordedDecision, RecordedSelector } from "./selectors/recorded.ts";
import { SettledProjector } from "./settled-projector.ts";
import { fileSource } from "./sources/file-source.ts";
import { historySource } from "./sources/history-source.ts";
import { logSource } from "./sources/log-source.ts";
import { simSource } from "./sources/sim-source.ts";
import type { MarketSource } from "./sources/types.ts";
import type { BacktestRun, EquitySample, SelectorSpec, SourceSpec } from "./types.ts";

export interface BacktestOptions {
  /** ISO date or instant, or epoch ms: the run covers [from, to). */
  from: string | number;
  to: string | number;
  /** A spec, or a ready source (tests, benchmarks, an imported history). */
  source: SourceSpec | MarketSource;
  selector: SelectorSpec | Selector;
  /** The environment the configuration is read from (the CLI passes process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Overrides (`--set`, a sweep cell), validated by engine/config like the environment. */
  parameters?: Record<string, string>;
  /** The event log a "log" source and the "recorded" selector read. */
  log?: Queryable;
  /** The recorded decisions, already read (a sweep reads the log once for all its cells). */
  decisions?: readonly RecordedDecision[];
  /** The scratch database; default a fresh in-memory PGlite. It must be empty and migrated. */
  db?: Database;
  /** Seed of the run's ids (default 1): the same inputs give the same run, ids included. */
  seed?: number;
  /** "trading" (default): refresh the market cache right before each scan, no reports.
   *  "live": the engine's whole timetable, refresh-markets and reports included. */
  timetable?: "trading" | "live";
  /**
   * Where the scanner's market cache lives. "database": refresh-markets appends MarketObserved
   * into the scratch database and the scanner reads the `contracts` projection, as live.
   * "memory": the same diff folded through the same projection code into memory (no thousands of
   * rows written before each scan). Default "memory", except "database" for the simulator source
   * (its fee directory reads `contracts`) and the live timetable (refresh-markets is a job there).
   * Both give the same run, ids included: market-cache.test.ts.
   */
  marketCache?: "memory" | "database";
  /** Sell on facts about held markets between scheduled stop checks (default true). */
  realtimeStops?: boolean;
  /** --selector ai: the run's hard AI budget in micros, and where answers are cached. */
  aiBudgetMicros?: number;
  aiCacheDir?: string;
  logger?: Logger;
  onProgress?: (p: { now: number; from: number; to: number; events: number }) => void;
}

function instant(value: string | number, name: string): number {
  const t = typeof value === "number" ? value : Date.parse(value);
  if (!Number.isFinite(t))
    throw new RangeError(`${name} ${JSON.stringify(value)} is not a date (YYYY-MM-DD)`);
  return t;
}

/** The configuration a backtest trades with: always paper, overrides validated as the engine's are. */
export function backtestConfig(
  env: Readonly<Record<string, string | undefined>>,
  parameters: Record<string, string>,
): Config {
  return loadConfig({ ...env, ...parameters, TRADING_MODE: "paper", DATABASE_URL: undefined });
}

function jobsFor(
  config: Config,
  deps: JobDeps,
  timetable: "trading" | "live",
  cache: MemoryMarketCache | null,
  holdsNothing: () => boolean,
): ScheduledJob[] {
  const runners = jobRunners(deps);
  if (timetable === "live") return scheduledJobs(config, runners);
  const s = config.schedules;
  return [
    {
      name: "daily-scan",
      schedule: s.dailyScan,
      // The scanner reads the market cache: bring it to this instant first, as refresh-markets would.
      run: async () => {
        if (cache) await cache.refresh(deps.clock.now());
        else await runners["refresh-markets"]();
        return runners["daily-scan"]();
      },
    },
    {
      name: "stop-loss",
      schedule: s.stopLoss,
      run: async () => (holdsNothing() ? { checked: 0, stopped: 0, noBid: 0 } : runners["stop-loss"]()),
    },
    {
      name: "check-resolutions",
      schedule: s.checkResolutions,
      run: async () => (holdsNothing() ? { checked: 0, resolved: 0 } : runners["check-resolutions"]()),
    },
  ];
}

export async function runBacktest(options: BacktestOptions): Promise<BacktestRun> {
  const started = performance.now();
  const from = instant(options.from, "--from");
  const to = instant(options.to, "--to");
  if (!(to > from)) throw new RangeError("--to must be after --from");
  const parameters = options.parameters ?? {};
  const config = backtestConfig(options.env ?? {}, parameters);
  const log = options.logger ?? createLogger({ level: "fatal", write: () => {} });
  const ownDb = !options.db;
  const db = options.db ?? (await openScratchDatabase());
  let source: MarketSource | null = null;
  try {
    const clock = new ManualClock(from);
    const ids = seededIds(options.seed ?? 1);
    const store = new CountingEventStore(db, { clock, ids, accountId: config.accountId, actor: "backtest" });
    const projector = new SettledProjector(db, allProjections).skipWhileUnchanged(() => store.appends);

    const spec = options.source;
    const sourceSpec: SourceSpec =
      "advanceTo" in spec ? { kind: "custom", name: spec.name } : (spec as SourceSpec);
    if ("advanceTo" in spec) source = spec;
    else if (spec.kind === "log") {
      if (!options.log) throw new Error("--source log needs an event log to read");
      source = logSource(options.log, { to });
    } else if (spec.kind === "sim") {
      source = await simSource({ seed: spec.seed, markets: spec.markets, start: from, db });
    } else if (spec.kind === "file") source = fileSource(spec.path);
    else if (spec.kind === "history")
      source = historySource(spec.dir, spec.assumedDepth ? { assumedDepth: spec.assumedDepth } : {});
    else throw new Error(`source ${spec.kind} needs a ready MarketSource (see sources/types.ts)`);

    const spend: AiSpend = { spent: 0, hits: 0, misses: 0, refused: 0 };
    let selector: Selector;
    let selectorSpec: SelectorSpec;
    if (typeof options.selector !== "string") {
      selector = options.selector;
      selectorSpec = "rules";
    } else {
      selectorSpec = options.selector;
      if (options.selector === "rules") selector = new RulesSelector({ clock });
      else if (options.selector === "recorded") {
        let decisions = options.decisions;
        if (!decisions) {
          if (!options.log) throw new Error("--selector recorded needs an event log with AI decisions");
          decisions = await loadRecordedDecisions(options.log, config.accountId);
        }
        selector = new RecordedSelector(decisions, clock);
      } else {
        selector = cachedAiSelector({
          ai: config.ai,
          clock,
          cacheDir: options.aiCacheDir ?? `${config.dataDir}/backtest-ai-cache`,
          budgetMicros: options.aiBudgetMicros ?? 5_000_000,
          spend,
        });
      }
    }

    const timetable = options.timetable ?? "trading";
    const cacheKind =
      options.marketCache ?? (sourceSpec.kind === "sim" || timetable === "live" ? "database" : "memory");
    if (cacheKind === "memory" && timetable === "live")
      throw new Error("the live timetable runs refresh-markets into the database: use marketCache database");
    const cache = cacheKind === "memory" ? new MemoryMarketCache(source.catalog, source.directory) : null;
    const deps: JobDeps = {
      config,
      db,
      store,
      projector,
      clock,
      ids,
      market: source.market,
      broker: new PaperBroker(source.books, clock),
      selector,
      log,
      secrets: [],
      catalog: source.catalog,
      directory: source.directory,
      ...(cache ? { marketCache: cache } : {}),
    };
    const accountId = config.accountId;
    const starting = config.trading.paperStartingBalance;
    const equity: EquitySample[] = [];
    // Realized P&L and the held markets change only when the run records something: re-read them
    // only then (the store counts appends; the tables are caught up before they are read).
    let realized = 0;
    let realizedAt = -1;
    const sample = async () => {
      if (realizedAt !== store.appends) {
        await projector.catchUp();
        realizedAt = store.appends;
        const [row] = await db.query<{ realized: number }>(
          "SELECT coalesce(sum(pnl), 0)::bigint AS realized FROM trades WHERE account_id = $1 AND pnl IS NOT NULL",
          [accountId],
        );
        realized = Number(row?.realized ?? 0);
      }
      equity.push({ at: new Date(clock.now()).toISOString(), balanceMicros: starting + realized });
    };

    // Held markets, for the real-time stop path: ticker → positions.
    let held = new Map<string, { tradeId: string; side: "yes" | "no" }[]>();
    let heldAt = -1;
    const refreshHeld = async () => {
      if (heldAt === store.appends) return;
      await projector.catchUp();
      heldAt = store.appends;
      const next = new Map<string, { tradeId: string; side: "yes" | "no" }[]>();
      for (const t of await openPositions(db, accountId)) {
        const list = next.get(t.contract_id) ?? [];
        list.push({ tradeId: t.id, side: t.side as "yes" | "no" });
        next.set(t.contract_id, list);
      }
      held = next;
    };
    // The scheduled stop and resolution checks read the open positions and do nothing without
    // any: when the run provably holds nothing (held is fresh), skipping them changes nothing.
    const holdsNothing = () => heldAt === store.appends && held.size === 0;
    const scheduler = new Scheduler(jobsFor(config, deps, timetable, cache, holdsNothing), {
      timezone: config.timezone,
      clock,
    });
    const threshold = config.trading.stopLossThreshold;
    let toStop: { tradeId: string; bid: Micros }[] = [];
    const realtime = options.realtimeStops ?? true;
    const watch = {
      get tickers(): ReadonlySet<string> {
        return realtime ? new Set(held.keys()) : new Set<string>();
      },
      onQuote: (ticker: string, quote: Parameters<typeof evaluateStopLoss>[1]) => {
        toStop = [];
        for (const p of held.get(ticker) ?? []) {
          const d = evaluateStopLoss(p.side, quote, threshold);
          if (d.action === "stop") toStop.push({ tradeId: p.tradeId, bid: d.bid });
        }
        return toStop.length > 0;
      },
    };

    let events = 0;
    const foldTo = async (t: number) => {
      for (;;) {
        const r = await (source as MarketSource).advanceTo(t, {
          tickers: watch.tickers,
          onQuote: watch.onQuote,
        });
        events += r.events;
        if (r.stoppedAt === null) return;
        clock.set(Math.max(clock.now(), r.stoppedAt));
        for (const s of toStop)
          await closePosition(deps, s.tradeId, {
            reason: "stop_loss",
            triggerBid: s.bid,
            source: "realtime",
          });
        await refreshHeld();
        await sample();
      }
    };

    await foldTo(from);
    await sample();
    for (;;) {
      const next = scheduler.nextDue();
      if (next === null || next >= to) break;
      await foldTo(next);
      clock.set(next);
      for (const r of await scheduler.runDue()) {
        if (r.status === "failed")
          throw new Error(
            `backtest job ${r.job} failed at ${new Date(clock.now()).toISOString()}: ${(r.error as Error)?.message ?? String(r.error)}`,
          );
      }
      await refreshHeld();
      await sample();
      options.onProgress?.({ now: clock.now(), from, to, events });
    }
    await foldTo(to - 1);
    clock.set(Math.max(clock.now(), to - 1));
    await projector.catchUp();
    await sample();
    if (sourceSpec.kind === "sim") {
      const [row] = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM events WHERE event_type = 'MarketObserved'",
      );
      events = row?.n ?? 0;
    }
    options.onProgress?.({ now: to, from, to, events });
    return {
      db,
      config,
      parameters,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      source: sourceSpec,
      selector: selectorSpec,
      eventsProcessed: events,
      equity,
      startingBalanceMicros: starting,
      aiSpentMicros: spend.spent,
      elapsedMs: performance.now() - started,
    };
  } catch (error) {
    if (ownDb) await db.close();
    throw error;
  } finally {
    await source?.close();
  }
}
