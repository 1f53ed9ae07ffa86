/**
 * GraphQL latency under a steady load: 10,000 trades in the read tables, the engine's HTTP server
 * on loopback (bench/graphql/server.ts, its own process, projector following the log as in the
 * engine) and a SECOND process (bench/graphql/driver.ts) sending `overview` and `trades(first: 50)`
 * alternately on a fixed open-loop schedule, latency counted from each request's due time.
 * Target: p99 < 50 ms at 200 req/s. Never asserts.
 *
 *   npm run bench -- --only graphql                   # PGlite in a folder, as `npm start` runs it
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- --only graphql
 *                                                      # and PostgreSQL (TEST_DATABASE_URL works too)
 *   BENCH_RATE=200 BENCH_SECONDS=10 BENCH_TRADES=10000 # the defaults
 *   BENCH_PROFILE=/tmp/prof                           # the server's CPU profile (Bun --cpu-prof-md)
 *
 * --skip pglite / --skip postgres leave a database out; --pglite memory measures in-memory PGlite.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { API_TOKEN } from "../engine/api/testing/config.ts";
import type { DriverResult } from "./graphql/driver.ts";
import { percentile, type QueryName } from "./graphql/queries.ts";
import type { BenchDatabase, ServerReady, ServerStats } from "./graphql/server.ts";
import type { Bench, BenchContext } from "./lib/bench.ts";
import { type Resources, scratchPostgres, withResources } from "./lib/scratch.ts";

const TARGET_P99_MS = 50;

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

/** PostgreSQL only when asked for by environment, as the test suite picks its database. */
function postgresUrl(): string | null {
  return process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || null;
}

async function startServer(res: Resources, db: BenchDatabase, trades: number) {
  // BENCH_PROFILE=<dir>: the server writes a CPU profile there (and a markdown summary) on exit.
  const profile = process.env.BENCH_PROFILE
    ? ["--cpu-prof", "--cpu-prof-md", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  const child = Bun.spawn([process.execPath, ...profile, join(import.meta.dir, "graphql", "server.ts")], {
    stdin: "pipe",
    stdout: "pipe",
    stderr: "inherit",
    env: {
      ...process.env,
      NODE_ENV: "production",
      BENCH_DB: JSON.stringify(db),
      BENCH_TRADES: String(trades),
    },
  });
  const reader = child.stdout.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const nextLine = async (): Promise<string | null> => {
    while (!text.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) return null;
      text += decoder.decode(value, { stream: true });
    }
    const line = text.slice(0, text.indexOf("\n"));
    text = text.slice(line.length + 1);
    return line;
  };
  let stopped: Promise<ServerStats | null> | null = null;
  /** Closing stdin asks for a clean stop (PGlite flushes its folder); a hang is cut short. */
  const stop = () => {
    stopped ??= (async () => {
      child.stdin.end();
      const timer = setTimeout(() => child.kill(), 10_000);
      const line = await nextLine().catch(() => null);
      await child.exited;
      clearTimeout(timer);
      return line ? (JSON.parse(line) as ServerStats) : null;
    })();
    return stopped;
  };
  res.defer(async () => {
    await stop();
  });
  const line = await nextLine();
  if (line === null)
    throw new Error(`the GraphQL server exited before it was ready (code ${await child.exited})`);
  return { ready: JSON.parse(line) as ServerReady, stop };
}

async function runDriver(url: string, rate: number, seconds: number): Promise<DriverResult> {
  const child = Bun.spawn(
    [process.execPath, join(import.meta.dir, "graphql", "driver.ts"), url, String(rate), String(seconds)],
    // The token by environment, not argv (argv is visible to every user of the machine).
    { stdout: "pipe", stderr: "inherit", env: { ...process.env, BENCH_TOKEN: API_TOKEN } },
  );
  // Bounded: the driver's own schedule plus the request timeout, then it is stopped.
  const guard = setTimeout(() => child.kill(), (seconds + 30) * 1000);
  const output = await new Response(child.stdout).text();
  clearTimeout(guard);
  const code = await child.exited;
  if (code !== 0) throw new Error(`the load driver exited with code ${code}`);
  return JSON.parse(output) as DriverResult;
}

const f1 = (n: number) => n.toFixed(1);

async function measure(ctx: BenchContext, label: string, db: (res: Resources) => Promise<BenchDatabase>) {
  const rate = num("BENCH_RATE", 200);
  const seconds = num("BENCH_SECONDS", 10);
  const trades = num("BENCH_TRADES", 10_000);
  await withResources(async (res) => {
    ctx.log(`${label}: seeding ${trades} trades and starting the server`);
    const { ready, stop } = await startServer(res, await db(res), trades);
    ctx.log(`${label}: ${rate} req/s for ${seconds} s from a second process`);
    const result = await runDriver(ready.url, rate, seconds);
    const server = await stop();
    const [load1] = loadavg();
    for (const name of Object.keys(ready.serial) as QueryName[]) {
      const s = ready.serial[name];
      ctx.note(
        `${label} unloaded ${name}: p50 ${f1(percentile(s, 50))} ms, p99 ${f1(percentile(s, 99))} ms (100 sequential requests)`,
      );
    }
    const all: number[] = [];
    for (const name of Object.keys(result.latencies) as QueryName[]) {
      const sorted = [...result.latencies[name]].sort((a, b) => a - b);
      all.push(...sorted);
      ctx.note(
        `${label} loaded ${name}: p50 ${f1(percentile(sorted, 50))} ms, p90 ${f1(percentile(sorted, 90))} ms, ` +
          `p99 ${f1(percentile(sorted, 99))} ms, max ${f1(sorted.at(-1) ?? Number.NaN)} ms (${sorted.length} requests)`,
      );
    }
    all.sort((a, b) => a - b);
    const p99 = percentile(all, 99);
    const throughput = (result.ok / result.elapsedMs) * 1000;
    ctx.note(
      `${label} all: p50 ${f1(percentile(all, 50))} ms, p99 ${f1(p99)} ms, throughput ${f1(throughput)} req/s ` +
        `(${result.ok} ok, ${result.failed} failed, ${result.dropped} dropped; driver send lag p99 ${f1(result.sendLagP99)} ms; ` +
        `load average ${load1?.toFixed(2)}) — target p99 < ${TARGET_P99_MS} ms at ${rate} req/s: ${p99 < TARGET_P99_MS ? "met" : "NOT met"}`,
    );
    if (server)
      ctx.note(
        `${label} server process while loaded: ${f1(server.cpuMs / Math.max(1, result.ok))} ms CPU per request; ` +
          `event loop late p99 ${f1(server.stallP99)} ms, max ${f1(server.stallMax)} ms, ${server.stallsOver20ms} stalls > 20 ms`,
      );
    ctx.record({
      section: "load",
      workload: `overview + trades(first: 50), ${trades} trades, ${rate} req/s open loop; p50 ${f1(percentile(all, 50))} ms, p99 ${f1(p99)} ms`,
      store: "conviction",
      database: label,
      events: result.ok,
      streams: null,
      calls: result.ok,
      seconds: result.elapsedMs / 1000,
      note: `p99 ${f1(p99)} ms (target < ${TARGET_P99_MS})`,
    });
  });
}

export const bench: Bench = {
  name: "graphql",
  description:
    "GraphQL overview + trades(first: 50) at 200 req/s from a second process: p50/p99 (target p99 < 50 ms)",
  async run(ctx) {
    const { options } = ctx;
    if (!options.skip.has("pglite")) {
      for (const mode of options.pglite) {
        await measure(ctx, `pglite ${mode}`, async (res) => {
          if (mode === "memory") return { kind: "pglite", dir: null };
          const dir = mkdtempSync(join(tmpdir(), "conviction-bench-graphql-"));
          res.defer(async () => rmSync(dir, { recursive: true, force: true }));
          return { kind: "pglite", dir };
        });
      }
    }
    const url = postgresUrl();
    if (url && !options.skip.has("postgres")) {
      await measure(ctx, "postgres", async (res) => ({
        kind: "postgres",
        url: await scratchPostgres(res, url, "graphql"),
      }));
    } else if (!url) {
      ctx.note("PostgreSQL part skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to measure it too");
    }
  },
};
