/**
 * Entry point of `npm run bench`. Each benchmark is a file under bench/ registered below and
 * selectable with --only; figures are printed as one table (or --json), never asserted.
 */
import type { Bench, BenchContext } from "./lib/bench.ts";
import { machineFacts } from "./lib/machine.ts";
import { type BenchOptions, parseOptions, USAGE } from "./lib/options.ts";
import { perSecond, type Report, renderJson, renderText } from "./lib/report.ts";
import { installSignalCleanup } from "./lib/scratch.ts";

/** Loaded lazily: a bench whose imports are broken must not stop the others from running. */
const BENCHES: Record<string, { description: string; load: () => Promise<Bench> }> = {
  "event-store": {
    description: "appends and reads on PGlite and PostgreSQL, ours vs Emmett, rebuild of N events",
    load: async () => (await import("./event-store.ts")).bench,
  },
  "market-sync": {
    description: "full sync of 50,000 markets vs the Basic tier's floor; MarketObserved events per day",
    load: async () => (await import("./market-sync.ts")).bench,
  },
  scanner: {
    description: "tier-1 scan of a 100,000-market cache (target < 200 ms)",
    load: async () => (await import("./scanner.ts")).bench,
  },
  backtest: {
    description:
      "events/s through the full backtest path (1M MarketObserved in memory and from PostgreSQL); sweep cells/s vs workers",
    load: async () => (await import("./backtest.ts")).bench,
  },
  "stop-latency": {
    description:
      "seconds from a price drop at the simulator to the stop-loss order arriving there (real-time path)",
    load: async () => (await import("./stop-latency.ts")).bench,
  },
  graphql: {
    description:
      "GraphQL overview + trades(first: 50) at 200 req/s from a second process: p50/p99 (target p99 < 50 ms)",
    load: async () => (await import("./graphql.ts")).bench,
  },
};

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(argv: readonly string[]): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseOptions(argv);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (options.list) {
    for (const [name, b] of Object.entries(BENCHES)) console.log(`${name.padEnd(16)} ${b.description}`);
    return 0;
  }
  const unknown = options.only.filter((name) => !(name in BENCHES));
  if (unknown.length)
    fail(`--only: unknown bench ${unknown.join(", ")} (known: ${Object.keys(BENCHES).join(", ")})`);
  const selected = options.only.length ? options.only : Object.keys(BENCHES);

  installSignalCleanup();
  const started = performance.now();
  const log = (text: string) =>
    console.error(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)}s] ${text}`);
  const machine = await machineFacts(options.pgUrl);
  const report: Report = {
    startedAt: new Date().toISOString(),
    finishedAt: "",
    command: ["bun bench/run.ts", ...argv].join(" "),
    machine,
    figures: [],
    comparisons: [],
    notes: [],
  };
  log(`${machine.cores} cores, Bun ${machine.bun}, ${machine.postgres ?? "PostgreSQL not reachable"}`);

  let failed = false;
  for (const name of selected) {
    const entry = BENCHES[name];
    if (!entry) continue;
    const ctx: BenchContext = {
      options,
      machine,
      postgresReachable: machine.postgres !== null,
      record(f) {
        report.figures.push({ ...f, bench: name });
        const rate = Math.round(perSecond(f.events, f.seconds)).toLocaleString("en-US");
        log(
          `${name}: ${f.workload} — ${f.store} on ${f.database}: ${f.seconds.toFixed(2)} s, ${rate} events/s`,
        );
      },
      compare(c) {
        report.comparisons.push({ ...c, bench: name });
      },
      note(text) {
        report.notes.push({ bench: name, text });
      },
      log: (text) => log(`${name}: ${text}`),
    };
    try {
      const bench = await entry.load();
      log(`${name}: start`);
      await bench.run(ctx);
    } catch (error) {
      // The bench's own finally blocks have dropped its databases by now; report and go on.
      failed = true;
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(`${name} failed:\n${message}`);
      ctx.note(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  report.finishedAt = new Date().toISOString();
  log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(options.json ? renderJson(report) : renderText(report));
  return failed ? 1 : 0;
}

process.exitCode = await main(Bun.argv.slice(2));
