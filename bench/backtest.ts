/**
 * Backtest throughput: events per second through the whole backtest path (engine/backtest/run.ts:
 * fold into the market view, scans with the rules selector, risk, paper fills, stops,
 * resolutions, projections into a scratch database) on 1,000,000 MarketObserved events (× --scale)
 * held in memory, and the same events streamed from the event log on PostgreSQL. Then a sweep's
 * throughput (cells per second) against the number of worker processes, up to the core count.
 *
 * The events: 2,000 markets, each re-quoted on a seeded random walk around a favourite's price,
 * in one-minute ticks over a week (about as many observations as a market sync writes), every
 * market closing and settling inside the week so scans, stops and resolutions all happen.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { parseGrid } from "../engine/backtest/grid.ts";
import { runBacktest } from "../engine/backtest/run.ts";
import { openScratchDatabase } from "../engine/backtest/scratch-db.ts";
import { writeObservations } from "../engine/backtest/sources/file-source.ts";
import { memorySource } from "../engine/backtest/sources/stream-source.ts";
import type { Observation } from "../engine/backtest/sources/types.ts";
import { runSweep } from "../engine/backtest/sweep.ts";
import { observation } from "../engine/backtest/testing.ts";
import { ManualClock } from "../engine/time/clock.ts";
import { seededIds, seededRandom } from "../engine/time/random.ts";
import { EventStore } from "../events/event-store.ts";
import type { Bench } from "./lib/bench.ts";
import { ourPostgres, withResources } from "./lib/scratch.ts";

const FROM = Date.parse("2026-03-02T00:00:00Z");
const DAYS = 7;
const MARKETS = 2000;
const MINUTE = 60_000;
const DAY = 86_400_000;

/** `count` observations in time order, seeded. */
export function syntheticWeek(count: number, seed = 7): Observation[] {
  const rnd = seededRandom(seed);
  const ticks = (DAYS * DAY) / MINUTE;
  const perTick = Math.max(1, Math.ceil(count / ticks));
  const price = Array.from({ length: MARKETS }, () => 880_000 + Math.floor(rnd.next() * 90) * 1000);
  // Each market closes on one of the days at 20:00 and settles an hour later.
  const closeOf = (m: number) => FROM + (m % DAYS) * DAY + 20 * 3_600_000;
  const out: Observation[] = [];
  for (let tick = 0; out.length < count; tick++) {
    const at = FROM - DAY + tick * MINUTE;
    for (let k = 0; k < perTick && out.length < count; k++) {
      const m = Math.floor(rnd.next() * MARKETS);
      const close = closeOf(m);
      const ticker = `BT${m % 50}-M${m}`;
      if (at > close) {
        out.push(
          observation(ticker, at, close, {
            yesBid: 0,
            yesAsk: 1_000_000,
            status: "finalized",
            result: rnd.next() < (price[m] ?? 0) / 1_000_000 ? "yes" : "no",
          }),
        );
        continue;
      }
      const next = Math.min(
        989_000,
        Math.max(600_000, (price[m] ?? 900_000) + (Math.floor(rnd.next() * 7) - 3) * 1000),
      );
      price[m] = next;
      out.push(observation(ticker, at, close, { yesBid: next - 5000, yesAsk: next }));
    }
  }
  return out;
}

const window = {
  from: FROM,
  to: FROM + DAYS * DAY,
  selector: "rules" as const,
  parameters: { MIN_LIQUIDITY: "500" },
};

export const bench: Bench = {
  name: "backtest",
  description:
    "events/s through the full backtest path (1M MarketObserved in memory and from PostgreSQL); sweep cells/s vs workers",
  async run(ctx) {
    const count = Math.round(1_000_000 * ctx.options.scale);
    ctx.log(`backtest: generating ${count.toLocaleString()} observations`);
    const events = syntheticWeek(count);

    // The scratch schema is built once per process (then every run opens a copy): setup, like a
    // migration, so it is timed apart and noted rather than charged to the events.
    const tSchema = performance.now();
    await (await openScratchDatabase()).close();
    const schemaSeconds = (performance.now() - tSchema) / 1000;

    // The run's scratch database is opened (a copy of the schema) before the clock starts: the
    // figure is the events' path, from the first fact folded to the last report row written.
    const tOpen = performance.now();
    const memoryDb = await openScratchDatabase();
    const openSeconds = (performance.now() - tOpen) / 1000;
    ctx.log("backtest: in memory, one core");
    const t0 = performance.now();
    const inMemory = await runBacktest({ ...window, source: memorySource("bench", events), db: memoryDb });
    const memorySeconds = (performance.now() - t0) / 1000;
    const trades = await inMemory.db.query<{ n: number }>("SELECT count(*)::int AS n FROM trades");
    await inMemory.db.close();
    ctx.record({
      section: "backtest",
      workload: `${count.toLocaleString()} MarketObserved, ${MARKETS} markets, ${DAYS} days, rules`,
      store: "conviction",
      database: "memory → pglite memory",
      events: inMemory.eventsProcessed,
      streams: MARKETS,
      calls: 1,
      seconds: memorySeconds,
      note: `${trades[0]?.n ?? 0} trades; scratch schema built once in ${schemaSeconds.toFixed(2)} s and the run's copy opened in ${openSeconds.toFixed(2)} s beforehand (not timed); target ≥ 500,000 events/s`,
    });

    if (ctx.postgresReachable && !ctx.options.skip.has("postgres")) {
      await withResources(async (res) => {
        const log = await ourPostgres(res, ctx.options.pgUrl, "backtest");
        ctx.log("backtest: loading the log on PostgreSQL (not timed)");
        const clock = new ManualClock(FROM - DAY);
        const store = new EventStore(log, { clock, ids: seededIds(5), accountId: "bench", actor: "engine" });
        // One append per tick, like a market sync: every event of a tick shares its instant.
        for (let i = 0; i < events.length; ) {
          const at = events[i]?.at ?? 0;
          let j = i;
          while (j < events.length && events[j]?.at === at) j++;
          clock.set(at);
          await store.appendMany(
            events.slice(i, j).map((o) => ({
              streamId: `market-${o.data.ticker}`,
              events: [{ type: "MarketObserved" as const, data: o.data }],
            })),
          );
          i = j;
        }
        ctx.log("backtest: streamed from PostgreSQL");
        const scratch = await openScratchDatabase();
        const t1 = performance.now();
        const fromLog = await runBacktest({ ...window, source: { kind: "log" }, log, db: scratch });
        const seconds = (performance.now() - t1) / 1000;
        const logTrades = await fromLog.db.query<{ n: number }>("SELECT count(*)::int AS n FROM trades");
        await fromLog.db.close();
        ctx.record({
          section: "backtest",
          workload: `${count.toLocaleString()} MarketObserved from the event log, rules`,
          store: "conviction",
          database: "postgres → pglite memory",
          events: fromLog.eventsProcessed,
          streams: MARKETS,
          calls: 1,
          seconds,
          note: `${logTrades[0]?.n ?? 0} trades; one server-side cursor, batches of 50,000, the next fetched while the run works`,
        });
      });
    } else ctx.note("backtest: PostgreSQL part skipped");

    // Sweep throughput: the same 4-cell grid on a tenth of the events, with 1..cores workers.
    const dir = mkdtempSync(join(tmpdir(), "bench-sweep-"));
    try {
      const path = join(dir, "observations.jsonl");
      // Its own week at a tenth of the density: a slice of the big one would hold only the first
      // hours, before the sweep's windows, leaving the cells nothing to trade on.
      const small = syntheticWeek(Math.max(1, Math.floor(events.length / 10)));
      await writeObservations(
        path,
        (async function* () {
          yield small;
        })(),
      );
      const cells = parseGrid("MIN_ODDS=0.88:0.91:0.03,STOP_LOSS_THRESHOLD=0.80:0.85:0.05");
      for (let workers = 1; workers <= availableParallelism(); workers++) {
        ctx.log(`backtest: sweep of ${cells.length} cells on ${workers} worker(s)`);
        const result = await runSweep({
          from: FROM,
          to: FROM + DAYS * DAY,
          source: { kind: "file", path },
          selector: "rules",
          env: {},
          base: { MIN_LIQUIDITY: "500" },
          cells,
          workers,
        });
        ctx.record({
          section: "sweep",
          workload: `${cells.length} cells × 2 windows, ${small.length.toLocaleString()} events each, ${workers} worker(s)`,
          store: "conviction",
          database: "pglite memory",
          events: small.length * cells.length,
          streams: null,
          calls: cells.length,
          seconds: result.elapsedMs / 1000,
          note: `${(cells.length / (result.elapsedMs / 1000)).toFixed(2)} cells/s; ${result.cells.reduce((n, c) => n + c.inSample.trades + c.outOfSample.trades, 0)} trades over all cells and windows`,
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
