/**
 * GraphQL latency under a steady load: 10,000 trades in the read tables, the real HTTP server on
 * loopback, and a SECOND Bun process firing `overview` and `trades(first: 50)` at a fixed rate
 * (open loop: a request is sent on schedule whether or not earlier ones have answered, and its
 * latency counts from when it was due, so a stall is not hidden by the load backing off).
 * Prints p50/p99 and throughput; the target is p99 < 50 ms at 200 req/s. Never asserts.
 *
 *   bun engine/api/graphql-bench.ts                      # PGlite in memory
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres bun engine/api/graphql-bench.ts
 *   BENCH_RATE=200 BENCH_SECONDS=10 BENCH_TRADES=10000   # the defaults
 *
 * With TEST_DATABASE_URL it creates (and drops) a scratch database on that server. It runs itself
 * with NODE_ENV=production, as the engine runs in its container.
 */
import { availableParallelism, loadavg } from "node:os";
import { createTestDatabase } from "../../test/db.ts";
import { startHttpServer } from "../http/server.ts";
import { createGraphQL } from "./graphql.ts";
import { API_TOKEN, configWithSecrets } from "./testing/config.ts";
import { FakeControl } from "./testing/fake-control.ts";
import { ACCOUNT } from "./testing/seed.ts";

export const QUERIES = {
  overview: `{ overview { balance { micros } bankroll { display } totalPnl { micros display } realizedPnl { display }
    unrealizedPnl { display } winRate roi openPositionCount tradingState { status reason }
    equityCurve { date cumulativePnl { micros } } dailyPnl { date pnl { micros } trades } } }`,
  trades: `{ trades(first: 50) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node {
    id ticker title side status proposedAt closedAt entryPrice { dollars } entryCost { display }
    realizedPnl { micros display } unrealizedPnl { display } market { yesBid { dollars } noBid { dollars } } } } } }`,
} as const;

type QueryName = keyof typeof QUERIES;

interface DriverResult {
  sent: number;
  ok: number;
  failed: number;
  dropped: number;
  elapsedMs: number;
  latencies: Record<QueryName, number[]>;
}

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

/**
 * The read tables, written directly in one statement each: the API reads only projections, and
 * replaying 40,000 events to get there would measure the projector, not the API.
 */
export async function seed(db: Awaited<ReturnType<typeof createTestDatabase>>["db"], trades: number) {
  await db.query(
    `INSERT INTO contracts (market_id, event_ticker, series_ticker, question, subtitle, category, status, resolved, result,
       end_date, yes_bid, yes_ask, no_bid, no_ask, yes_bid_size, yes_ask_size, current_odds, volume, open_interest, rules,
       can_close_early, observations, discovered_at, observed_at)
     SELECT 'KXBENCH-' || m, 'KXBENCH-E' || m, 'KXBENCH', 'Bench market ' || m, '', 'Economics', 'active', false, '',
       timestamptz '2027-01-01', 950000, 960000, 40000, 50000, 10000, 10000, 955000, 1000000, 500000, '', false, 1,
       timestamptz '2026-01-01', timestamptz '2026-06-01'
     FROM generate_series(0, 199) AS m`,
  );
  await db.query(
    `INSERT INTO trades (id, account_id, contract_id, title, category, series_ticker, side, status, proposed_at, executed_at,
       allocation, limit_price, entry_odds, position_size, entry_fees, contracts_purchased, exit_odds, exit_proceeds,
       exit_fees, contracts_sold, pnl, ai_confidence, ai_reasoning, risk_factors, rejection_reasons, analysis_id, scan_id,
       client_order_id, order_id, close_time, stop_triggered_at, resolved_at, correlation_id)
     SELECT 'bench-' || lpad(i::text, 6, '0'), $1, 'KXBENCH-' || (i % 200), 'Bench market ' || (i % 200), 'Economics',
       'KXBENCH', CASE WHEN i % 2 = 0 THEN 'yes' ELSE 'no' END, s.status,
       timestamptz '2026-01-01' + i * interval '20 minutes', timestamptz '2026-01-01' + i * interval '20 minutes',
       50000000, 950000, 950000, 47500000, 10000, 5000, NULL, 0, 0, 0,
       CASE s.status WHEN 'won' THEN 2490000 WHEN 'lost' THEN -47510000 WHEN 'stopped' THEN -5220000 ELSE NULL END,
       0.93, 'bench', '[]'::jsonb, '[]'::jsonb, NULL, NULL, NULL, NULL,
       timestamptz '2026-01-02' + i * interval '20 minutes', NULL,
       CASE WHEN s.status IN ('won', 'lost', 'stopped') THEN timestamptz '2026-01-02' + i * interval '20 minutes' END,
       'bench-' || i
     FROM generate_series(1, $2::int) AS i,
       LATERAL (SELECT CASE WHEN i % 200 = 0 THEN 'open' WHEN i % 10 = 1 THEN 'lost' WHEN i % 10 = 2 THEN 'rejected'
                            WHEN i % 10 = 3 THEN 'stopped' ELSE 'won' END AS status) s`,
    [ACCOUNT, trades],
  );
  await db.query(
    `INSERT INTO performance_metrics (account_id, date, total_trades, wins, losses, voids, stop_losses, win_rate,
       total_invested, total_pnl, total_return_pct)
     SELECT account_id, (resolved_at AT TIME ZONE 'UTC')::date, count(*), count(*) FILTER (WHERE pnl > 0),
       count(*) FILTER (WHERE pnl <= 0), 0, count(*) FILTER (WHERE status = 'stopped'),
       (count(*) FILTER (WHERE pnl > 0))::float / count(*), sum(position_size + entry_fees), sum(pnl),
       sum(pnl)::float / sum(position_size + entry_fees) * 100
     FROM trades WHERE resolved_at IS NOT NULL GROUP BY 1, 2`,
  );
  await db.query(
    "INSERT INTO trading_state (account_id, state, reason, breaker, paused_until, since) VALUES ($1, 'running', 'bench', NULL, NULL, now())",
    [ACCOUNT],
  );
  await db.exec("ANALYZE");
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** The load generator, run in its own process so it never competes with the server's event loop. */
async function drive(url: string, rate: number, seconds: number, token: string): Promise<DriverResult> {
  const names = Object.keys(QUERIES) as QueryName[];
  const latencies: Record<QueryName, number[]> = { overview: [], trades: [] };
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const maxInFlight = 512;
  let inFlight = 0;
  let ok = 0;
  let failed = 0;
  let dropped = 0;
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await Bun.sleep(wait);
    if (inFlight >= maxInFlight) {
      dropped++; // bounded: a server that stops answering cannot make the driver hoard sockets
      continue;
    }
    const name = names[i % names.length] as QueryName;
    inFlight++;
    pending.push(
      fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: QUERIES[name] }),
        signal: AbortSignal.timeout(10_000),
      })
        .then(async (r) => {
          const body = (await r.json()) as { errors?: unknown[] };
          if (r.status === 200 && !body.errors) {
            ok++;
            latencies[name].push(performance.now() - due);
          } else failed++;
        })
        .catch(() => {
          failed++;
        })
        .finally(() => {
          inFlight--;
        }),
    );
  }
  await Promise.all(pending);
  return { sent: total - dropped, ok, failed, dropped, elapsedMs: performance.now() - start, latencies };
}

async function main() {
  const rate = num("BENCH_RATE", 200);
  const seconds = num("BENCH_SECONDS", 10);
  const trades = num("BENCH_TRADES", 10_000);
  const t = await createTestDatabase();
  const started = performance.now();
  await seed(t.db, trades);
  const seedMs = performance.now() - started;
  // As exposed in production: a password and an API token set (so every request is authenticated
  // and every response scanned for secrets), the driver using the token.
  const config = configWithSecrets({ LOG_LEVEL: "error" });
  const graphql = createGraphQL({ db: t.db, control: new FakeControl(), config });
  const server = await startHttpServer({ config, graphql, host: "127.0.0.1", port: 0 });
  try {
    // Warm-up (the first requests pay for parse and validation caches and query plans), then
    // one request at a time: the service time, free of queueing, to read the loaded figures by.
    const post = (query: string) =>
      fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${API_TOKEN}` },
        body: JSON.stringify({ query }),
      }).then((r) => r.text());
    for (let i = 0; i < 20; i++) for (const query of Object.values(QUERIES)) await post(query);
    const serial: Record<string, number[]> = {};
    for (const [name, query] of Object.entries(QUERIES)) {
      const times: number[] = [];
      for (let i = 0; i < 100; i++) {
        const at = performance.now();
        await post(query);
        times.push(performance.now() - at);
      }
      serial[name] = times.sort((a, b) => a - b);
    }
    const child = Bun.spawn(
      [process.execPath, import.meta.path, "--drive", server.url, String(rate), String(seconds)],
      // The token by environment, not argv (argv is visible to every user of the machine).
      { stdout: "pipe", stderr: "inherit", env: { ...process.env, BENCH_TOKEN: API_TOKEN } },
    );
    // Bounded: the driver's own schedule plus the request timeout, then it is stopped.
    const guard = setTimeout(() => child.kill(), (seconds + 30) * 1000);
    const output = await new Response(child.stdout).text();
    clearTimeout(guard);
    await child.exited;
    const result = JSON.parse(output) as DriverResult;

    const db = t.url ? "PostgreSQL" : "PGlite (in memory)";
    // Figures on a shared machine depend on what else runs: say how busy it was.
    const [load1] = loadavg();
    console.log(
      `GraphQL bench: ${trades} trades on ${db}, seeded in ${(seedMs / 1000).toFixed(1)} s; ` +
        `${availableParallelism()} CPUs, load average ${load1?.toFixed(2)}`,
    );
    console.log(
      `load: ${rate} req/s for ${seconds} s from a second process, overview and trades(first: 50) alternating, bearer-authenticated`,
    );
    for (const [name, times] of Object.entries(serial))
      console.log(
        `unloaded ${name}: p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms (100 sequential requests)`,
      );
    console.log("query      requests   p50 ms   p90 ms   p99 ms   max ms");
    const all: number[] = [];
    for (const [name, list] of Object.entries(result.latencies)) {
      const sorted = [...list].sort((a, b) => a - b);
      all.push(...sorted);
      const row = [50, 90, 99].map((p) => percentile(sorted, p).toFixed(1).padStart(8));
      console.log(
        `${name.padEnd(10)} ${String(sorted.length).padStart(8)} ${row.join(" ")} ${(sorted.at(-1) ?? Number.NaN).toFixed(1).padStart(8)}`,
      );
    }
    all.sort((a, b) => a - b);
    const p99 = percentile(all, 99);
    console.log(
      `all        ${String(all.length).padStart(8)} ${[50, 90, 99].map((p) => percentile(all, p).toFixed(1).padStart(8)).join(" ")}`,
    );
    console.log(
      `throughput ${((result.ok / result.elapsedMs) * 1000).toFixed(1)} req/s answered (${result.ok} ok, ${result.failed} failed, ${result.dropped} dropped)`,
    );
    console.log(
      `target p99 < 50 ms at ${rate} req/s: ${p99 < 50 ? "met" : "NOT met"} (p99 ${p99.toFixed(1)} ms)`,
    );
  } finally {
    await server.stop();
    await graphql.close();
    await t.drop();
  }
}

if (process.argv[2] === "--drive") {
  const [url = "", rate = "200", seconds = "10"] = process.argv.slice(3);
  const result = await drive(url, Number(rate), Number(seconds), process.env.BENCH_TOKEN ?? "");
  process.stdout.write(JSON.stringify(result));
} else if (import.meta.main && process.env.NODE_ENV !== "production") {
  // graphql-js picks its development checks (a costly instanceOf) when the module loads: measure
  // the server as it runs in production (the Dockerfile sets NODE_ENV=production).
  const child = Bun.spawn([process.execPath, import.meta.path, ...process.argv.slice(2)], {
    env: { ...process.env, NODE_ENV: "production" },
    stdio: ["inherit", "inherit", "inherit"],
  });
  process.exitCode = await child.exited;
} else if (import.meta.main) {
  await main();
}
