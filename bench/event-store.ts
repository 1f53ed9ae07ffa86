import { loadRebuildAll, runRebuild } from "./event-store/rebuild.ts";
import { emmettStore, ourStore, type StoreUnderTest } from "./event-store/stores.ts";
import { compareWithEmmett, runThroughput } from "./event-store/throughput.ts";
import type { Bench, BenchContext } from "./lib/bench.ts";
import type { Figure } from "./lib/report.ts";
import { ourPglite, ourPostgres, scratchPostgres, withResources } from "./lib/scratch.ts";

/**
 * The event store: append and read throughput on PGlite and PostgreSQL, the same workloads
 * against Emmett's PostgreSQL store for a ratio, and a projection rebuild over a large log.
 */
export const bench: Bench = {
  name: "event-store",
  description: "appends, global and stream reads (ours vs Emmett), rebuild of N events into projections",
  async run(ctx) {
    const { options } = ctx;
    const onPostgres = !options.skip.has("postgres") && ctx.postgresReachable;
    if (!options.skip.has("postgres") && !ctx.postgresReachable) {
      ctx.note(
        `PostgreSQL at ${new URL(options.pgUrl).host} not reachable: PostgreSQL and Emmett figures skipped`,
      );
    }

    const figures: Figure[] = [];
    const collecting: BenchContext = {
      ...ctx,
      record(f) {
        figures.push({ ...f, bench: "event-store" });
        ctx.record(f);
      },
    };

    // Every store lives in its own scratch database for the whole throughput part, dropped at the end.
    await withResources(async (res) => {
      const stores: StoreUnderTest[] = [];
      if (!options.skip.has("pglite")) {
        for (const mode of options.pglite)
          stores.push(ourStore(await ourPglite(res, mode), `pglite ${mode}`));
      }
      if (onPostgres) {
        stores.push(ourStore(await ourPostgres(res, options.pgUrl, "ours"), "postgres"));
        if (!options.skip.has("emmett")) {
          stores.push(await emmettStore(res, await scratchPostgres(res, options.pgUrl, "emmett")));
        }
      }
      if (stores.length) await runThroughput(collecting, stores);
    });
    compareWithEmmett(ctx, figures);

    if (options.skip.has("rebuild")) return;
    const rebuildAll = await loadRebuildAll();
    if (typeof rebuildAll !== "function") {
      ctx.log("rebuild: not available yet");
      ctx.note(`rebuild: not available yet (${rebuildAll.missing})`);
      return;
    }
    // Separate databases, created after the throughput ones are gone, so the big log has the cache.
    if (onPostgres && options.events > 0) {
      await withResources(async (res) => {
        const db = await ourPostgres(res, options.pgUrl, "rebuild");
        await runRebuild(ctx, db, "postgres", options.events, rebuildAll, options.writers);
      });
    }
    if (!options.skip.has("pglite") && options.pgliteEvents > 0) {
      await withResources(async (res) => {
        // On disk, like the engine's own data folder; one connection, so one writer.
        const db = await ourPglite(res, "dir");
        await runRebuild(ctx, db, "pglite dir", options.pgliteEvents, rebuildAll, 1);
      });
    }
  },
};
