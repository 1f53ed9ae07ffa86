import { type BenchContext, timed } from "../lib/bench.ts";
import { marketEvents, streamOf } from "../lib/market.ts";
import type { Figure } from "../lib/report.ts";
import type { AppendCall, StoreUnderTest } from "./stores.ts";

export interface AppendWorkload {
  name: string;
  /** Events per append call (one stream, one transaction). */
  batch: number;
  events: number;
  /** Calls go round-robin over this many streams, so most appends extend an existing stream. */
  streams: number;
  /** ours/Emmett we aim for on PostgreSQL (printed, never asserted). */
  target?: number;
}

/**
 * Sizes at --scale 1: a few seconds per store each on a 2-core machine (the whole bench has to
 * stay well under five minutes), and at least two appends per stream so most extend a stream.
 */
export const APPEND_WORKLOADS: readonly AppendWorkload[] = [
  { name: "append single event", batch: 1, events: 2_000, streams: 500 },
  { name: "append batch of 100", batch: 100, events: 30_000, streams: 150, target: 1.5 },
  { name: "append batch of 1,000", batch: 1_000, events: 60_000, streams: 30, target: 1.5 },
];

export const PAGE_SIZE = 1_000;
/** Slices each timed append workload is cut into, so stores alternate during the measurement. */
export const ROUNDS = 3;
/**
 * Emmett's global read (readMessagesBatch) has no index on its order (transaction_id,
 * global_position): EXPLAIN shows a seq scan of the whole messages table plus a top-N sort for
 * every page, so a page costs O(log size) and a full read is quadratic. The head-to-head read is
 * therefore capped at this many pages, for both stores.
 */
export const CAPPED_PAGES = 20;
const READ_ALL = "readAll whole log, pages of 1,000";
const READ_ALL_CAPPED = `readAll first ${CAPPED_PAGES} pages of 1,000`;
const READ_ALL_DECODED = "readAll + decode whole log";
const READ_STREAM = "readStream";

export function scaled(w: AppendWorkload, scale: number): AppendWorkload {
  const calls = Math.max(1, Math.round((w.events / w.batch) * scale));
  return {
    ...w,
    events: calls * w.batch,
    streams: Math.max(1, Math.min(calls, Math.round(w.streams * scale))),
  };
}

/**
 * The calls of a workload: call c goes to stream c mod streams, carrying that market's next
 * `batch` observations. `base` keeps every workload (and its warm-up) on streams of its own.
 */
export function appendCalls(w: AppendWorkload, base: number): AppendCall[] {
  const calls: AppendCall[] = [];
  for (let c = 0; c < w.events / w.batch; c++) {
    const market = base + (c % w.streams);
    const round = Math.floor(c / w.streams);
    calls.push({ streamId: streamOf(market), events: marketEvents(market, round * w.batch, w.batch) });
  }
  return calls;
}

async function runSequentially(thunks: readonly (() => Promise<unknown>)[]): Promise<void> {
  // One writer awaiting each append: latency-bound, like the engine's single decision loop.
  for (const t of thunks) await t();
}

/**
 * Appends, then reads, on every store. Every store gets the same warm-up round (on streams of its
 * own) before each workload, so none is measured cold while the others are warm.
 */
export async function runThroughput(ctx: BenchContext, stores: readonly StoreUnderTest[]): Promise<void> {
  const { scale } = ctx.options;
  const record = (s: StoreUnderTest, f: Omit<Figure, "bench" | "store" | "database">) =>
    ctx.record({ ...f, store: s.store, database: s.database });
  let singleStreams: string[] = [];

  for (const [index, workload] of APPEND_WORKLOADS.entries()) {
    const w = scaled(workload, scale);
    const warm = scaled(workload, scale * 0.1);
    ctx.log(`${w.name}: ${w.events.toLocaleString("en-US")} events over ${w.streams} streams`);
    const base = (index + 1) * 1_000_000;
    const warmCalls = appendCalls(warm, base + 500_000);
    const calls = appendCalls(w, base);
    if (w.batch === 1) singleStreams = [...new Set(calls.map((c) => c.streamId))];
    for (const s of stores) await runSequentially(s.appends(warmCalls));
    // The timed calls run in ROUNDS slices, stores taking turns slice by slice: a slow spell of
    // the machine (fsync latency, autovacuum, a checkpoint) then falls on every store alike.
    const seconds = new Map<StoreUnderTest, number>();
    const slice = Math.ceil(calls.length / ROUNDS);
    for (let r = 0; r < ROUNDS; r++) {
      const part = calls.slice(r * slice, (r + 1) * slice);
      if (!part.length) break;
      for (const s of stores) {
        const thunks = s.appends(part);
        await s.checkpoint();
        const run = await timed(() => runSequentially(thunks));
        seconds.set(s, (seconds.get(s) ?? 0) + run.seconds);
      }
    }
    for (const s of stores) {
      record(s, {
        section: "append",
        workload: w.name,
        events: w.events,
        streams: w.streams,
        calls: calls.length,
        seconds: seconds.get(s) ?? 0,
      });
    }
  }

  // All stores vacuumed before any is read, so no autovacuum worker competes with a measurement.
  for (const s of stores) await s.vacuum();
  for (const s of stores) {
    ctx.log(`reads: ${s.store} on ${s.database}`);
    // Warm-up: the first read after bulk writes also sets hint bits and fills caches; a full pass
    // for our store (cheap), a few pages for Emmett (each of its pages already visits every row).
    await s.readAllPages(PAGE_SIZE, s.wholeLogReads ? Number.POSITIVE_INFINITY : 3);
    await s.checkpoint();
    if (s.wholeLogReads) {
      const all = await timed(() => s.readAllPages(PAGE_SIZE));
      record(s, {
        section: "read",
        workload: READ_ALL,
        events: all.value.events,
        streams: null,
        calls: all.value.pages,
        seconds: all.seconds,
      });
    }
    if (s.database === "postgres") {
      const capped = await timed(() => s.readAllPages(PAGE_SIZE, CAPPED_PAGES));
      record(s, {
        section: "read",
        workload: READ_ALL_CAPPED,
        events: capped.value.events,
        streams: null,
        calls: capped.value.pages,
        seconds: capped.seconds,
        ...(s.wholeLogReads ? {} : { note: "capped: each page seq-scans the whole table" }),
      });
    }
    if (s.readAllPagesDecoded) {
      const read = s.readAllPagesDecoded.bind(s);
      const decoded = await timed(() => read(PAGE_SIZE));
      record(s, {
        section: "read",
        workload: READ_ALL_DECODED,
        events: decoded.value.events,
        streams: null,
        calls: decoded.value.pages,
        seconds: decoded.seconds,
        note: "typed: zod check + upcast",
      });
    }
    for (const id of singleStreams.slice(0, 100)) await s.readStream(id);
    const streams = await timed(async () => {
      let events = 0;
      for (const id of singleStreams) events += await s.readStream(id);
      return events;
    });
    record(s, {
      section: "read",
      workload: READ_STREAM,
      events: streams.value,
      streams: singleStreams.length,
      calls: singleStreams.length,
      seconds: streams.seconds,
      note: "the single-event workload's streams",
    });
  }
}

/** ours/Emmett for every workload both ran on PostgreSQL. */
export function compareWithEmmett(ctx: BenchContext, figures: readonly Figure[]): void {
  const rate = (f: Figure) => (f.seconds > 0 ? f.events / f.seconds : 0);
  const targets = new Map(APPEND_WORKLOADS.map((w) => [w.name, w.target]));
  for (const ours of figures.filter((f) => f.store === "conviction" && f.database === "postgres")) {
    const theirs = figures.find(
      (f) => f.store === "emmett" && f.workload === ours.workload && f.section === ours.section,
    );
    if (!theirs) continue;
    ctx.compare({
      workload: ours.workload,
      database: "postgres",
      oursPerSecond: rate(ours),
      theirsPerSecond: rate(theirs),
      ratio: rate(theirs) > 0 ? rate(ours) / rate(theirs) : 0,
      target: targets.get(ours.workload),
    });
  }
}
