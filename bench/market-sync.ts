import { ExchangeClient } from "../engine/exchange/client.ts";
import { CachedEventDirectory } from "../engine/market-data/event-directory.ts";
import { loadKnownMarkets } from "../engine/market-data/known-markets.ts";
import { syncMarkets } from "../engine/market-data/sync.ts";
import { allProjections } from "../engine/projections/index.ts";
import { Projector } from "../engine/projections/projector.ts";
import { seededIds } from "../engine/time/random.ts";
import { EventStore } from "../events/event-store.ts";
import { startSimulator } from "../simulator/index.ts";
import type { Bench } from "./lib/bench.ts";
import { ourPglite, withResources } from "./lib/scratch.ts";

const MARKETS = 50_000;
const FIVE_MINUTES = 5 * 60_000;

/** Runs a script and returns what it printed (the sync-rate bench lives beside the client it measures). */
async function runScript(args: string[]): Promise<string> {
  const child = Bun.spawn([process.execPath, ...args], {
    stdout: "pipe",
    stderr: "inherit",
    cwd: `${import.meta.dir}/..`,
  });
  const out = await new Response(child.stdout).text();
  await child.exited;
  return out.trim();
}

/**
 * Market sync: (1) a full sync of a 50,000-market catalog at the Basic tier against the rate
 * limit's floor; (2) how many MarketObserved events a day change detection writes for that
 * catalog under the simulator's default activity (five-minute runs, extrapolated to a day).
 */
export const bench: Bench = {
  name: "market-sync",
  description:
    "full sync of 50,000 markets (partitioned cursor chains) vs the Basic tier's floor; MarketObserved events per day",
  async run(ctx) {
    // The exchange's work (building ~1.4 MB pages) is not ours: the headline figure runs the
    // simulator in its own process, as a remote exchange would be. The in-process run follows,
    // for comparison: there the simulator competes with the client for one thread.
    for (const [label, extra] of [
      ["simulator in a child process", ["--child-process"]],
      ["simulator in process", []],
    ] as const) {
      ctx.log(`market-sync: full sync of 50,000 markets, ${label} (engine/exchange/sync-bench.ts)`);
      const out = await runScript(["engine/exchange/sync-bench.ts", String(MARKETS), "basic", ...extra]);
      for (const line of out.split("\n")) ctx.note(`sync: ${line}`);
    }

    ctx.log("market-sync: events per day from change detection");
    await withResources(async (res) => {
      const sim = await startSimulator({
        port: 0,
        seed: 7,
        markets: MARKETS,
        quiet: true,
        clock: { mode: "manual", start: Date.parse("2026-01-05T12:00:00Z") },
      });
      res.defer(() => sim.stop());
      const db = await ourPglite(res, "memory");
      const client = new ExchangeClient({ restUrl: sim.baseUrl, tier: "premier" });
      const store = new EventStore(db, {
        clock: sim.clock,
        ids: seededIds(3),
        accountId: "bench",
        actor: "engine",
      });
      const projector = new Projector(db, allProjections);
      const directory = new CachedEventDirectory(client);
      const source = {
        marketPages: client.catalogPages.bind(client),
        marketsByTicker: (t: readonly string[]) => client.allMarkets({ tickers: t }),
      };
      const sync = async () => {
        const r = await syncMarkets({ source, directory, store, known: await loadKnownMarkets(db) });
        await projector.catchUp();
        return r;
      };
      const first = await sync();
      ctx.note(`first sync: ${first.openMarkets} open markets, ${first.appended} events`);
      const runs = 6;
      let appended = 0;
      for (let i = 0; i < runs; i++) {
        sim.exchange.advance(FIVE_MINUTES);
        appended += (await sync()).appended;
      }
      const perRun = appended / runs;
      ctx.note(
        `steady state: ${perRun.toFixed(0)} MarketObserved per 5-minute sync of ${first.openMarkets} open markets ` +
          `(${((perRun / first.openMarkets) * 100).toFixed(1)}% changed) → ${Math.round(perRun * 288).toLocaleString("en-US")} events/day`,
      );
    });
  },
};
