import type { Database } from "../../engine/db/database.ts";
import { appendToStream } from "../../events/store/append.ts";
import { type BenchContext, pool, timed } from "../lib/bench.ts";
import { scanPageEvents } from "../lib/market.ts";

/** The lead's entry point (engine/projections/rebuild.ts); declared here so the bench compiles before it lands. */
export type RebuildAll = (
  db: Database,
  options?: { schema?: string; batchSize?: number },
) => Promise<{ events: number }>;

const REBUILD_MODULE = new URL("../../engine/projections/rebuild.ts", import.meta.url).href;

/**
 * Imported at run time, not statically: until the projections land, the rest of the bench must
 * still compile and run, and this part says plainly that it was not measured.
 */
export async function loadRebuildAll(): Promise<RebuildAll | { missing: string }> {
  try {
    const mod: { rebuildAll?: unknown } = await import(REBUILD_MODULE);
    if (typeof mod.rebuildAll === "function") return mod.rebuildAll as RebuildAll;
    return { missing: "engine/projections/rebuild.ts does not export rebuildAll" };
  } catch (error) {
    return { missing: error instanceof Error ? (error.message.split("\n")[0] ?? error.name) : String(error) };
  }
}

/** Observations per market: 20,000 markets × 50 = 1,000,000 events. */
export const OBSERVATIONS = 50;
/** Markets per append: one page of a catalog sync (Kalshi pages hold up to 1,000 markets). */
export const SCAN_PAGE = 1_000;

interface Page {
  round: number;
  first: number;
  count: number;
}

/** Scan rounds over all markets, in pages, until exactly `n` events are planned. */
export function scanPages(n: number): Page[] {
  const markets = Math.max(1, Math.ceil(n / OBSERVATIONS));
  const pages: Page[] = [];
  let planned = 0;
  for (let round = 0; planned < n; round++) {
    for (let first = 0; first < markets && planned < n; first += SCAN_PAGE) {
      const count = Math.min(SCAN_PAGE, markets - first, n - planned);
      pages.push({ round, first, count });
      planned += count;
    }
  }
  return pages;
}

const fmt = (n: number) => n.toLocaleString("en-US");

/**
 * Fills an empty, migrated store with `n` MarketObserved events through batched appends, then
 * times rebuildAll over them. The load is reported too, labelled as including generation.
 */
export async function runRebuild(
  ctx: BenchContext,
  db: Database,
  database: string,
  n: number,
  rebuildAll: RebuildAll,
  writers: number,
): Promise<void> {
  const pages = scanPages(n);
  const markets = Math.max(1, Math.ceil(n / OBSERVATIONS));
  ctx.log(
    `rebuild on ${database}: loading ${fmt(n)} events (${fmt(markets)} markets, ${fmt(pages.length)} appends, ${writers} writer(s))`,
  );
  const load = await timed(() =>
    pool(pages.length, writers, async (i) => {
      const p = pages[i];
      if (!p) return;
      await appendToStream(
        db,
        `markets-scan-${p.round}-${p.first / SCAN_PAGE}`,
        scanPageEvents(p.first, p.count, p.round),
      );
    }),
  );
  ctx.record({
    section: "rebuild",
    workload: `load: ${fmt(markets)} markets x ${OBSERVATIONS} scans, ${writers} writer${writers > 1 ? "s" : ""}`,
    store: "conviction",
    database,
    events: n,
    streams: pages.length,
    calls: pages.length,
    seconds: load.seconds,
    note: "incl. generating + validating events",
  });

  const [size] = await db.query<{ size: string }>(
    "SELECT pg_size_pretty(pg_total_relation_size('events')) AS size",
  );
  await db.query("CHECKPOINT");
  ctx.log(`rebuild on ${database}: rebuildAll over ${fmt(n)} events (log ${size?.size ?? "?"})`);
  const batchSize = ctx.options.rebuildBatchSize;
  const rebuild = await timed(() => rebuildAll(db, batchSize ? { batchSize } : undefined));
  const notes = [`log ${size?.size ?? "?"}`];
  if (rebuild.value.events !== n) notes.push(`rebuildAll reported ${fmt(rebuild.value.events)} events`);
  if (database === "postgres" && n >= 1_000_000) {
    notes.push(`target < 10 s ${rebuild.seconds < 10 ? "(met)" : "(NOT met)"}`);
  }
  ctx.record({
    section: "rebuild",
    workload: `rebuildAll ${fmt(n)} MarketObserved`,
    store: "conviction",
    database,
    events: n,
    streams: null,
    calls: 1,
    seconds: rebuild.seconds,
    note: notes.join("; "),
  });
}
