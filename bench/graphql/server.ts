/**
 * The server side of bench/graphql.ts, run as its own process with NODE_ENV=production (as the
 * engine runs in its container: graphql-js picks its costly development checks at module load).
 * It opens the database it is given, seeds the read tables, follows the log with the projector as
 * the engine does, and serves GraphQL through the engine's own HTTP server (engine/http/server.ts).
 * Prints one JSON line (its URL and the unloaded service times), then serves until stdin closes.
 *
 *   BENCH_DB='{"kind":"pglite","dir":"/tmp/x"}' | '{"kind":"postgres","url":"postgres://…"}'
 *   BENCH_TRADES=10000
 */
import { createGraphQL } from "../../engine/api/graphql.ts";
import { API_TOKEN, configWithSecrets } from "../../engine/api/testing/config.ts";
import { FakeControl } from "../../engine/api/testing/fake-control.ts";
import type { Database } from "../../engine/db/database.ts";
import { migrate } from "../../engine/db/migrate.ts";
import { openPglite } from "../../engine/db/pglite.ts";
import { openPostgres } from "../../engine/db/postgres.ts";
import { startHttpServer } from "../../engine/http/server.ts";
import { allProjections } from "../../engine/projections/index.ts";
import { Projector } from "../../engine/projections/projector.ts";
import { QUERIES, type QueryName } from "./queries.ts";
import { seedReadTables } from "./seed.ts";

/** PGlite in a folder (null: in memory), or a PostgreSQL database the parent created. */
export type BenchDatabase = { kind: "pglite"; dir: string | null } | { kind: "postgres"; url: string };

export interface ServerReady {
  url: string;
  seedMs: number;
  /** 100 sequential requests per query after a warm-up, in ms, sorted: service time without queueing. */
  serial: Record<QueryName, number[]>;
}

/** Written when the parent closes stdin: what the server process saw while it was loaded. */
export interface ServerStats {
  /** CPU time (user + system) this process used from ready to stop. */
  cpuMs: number;
  /** Event-loop lateness of a 5 ms timer, ms. */
  stallP99: number;
  stallMax: number;
  stallsOver20ms: number;
}

async function open(spec: BenchDatabase): Promise<Database> {
  // The engine's own pool size for PostgreSQL (engine/db/postgres.ts defaults).
  return spec.kind === "pglite" ? openPglite(spec.dir) : openPostgres(spec.url);
}

async function main() {
  const spec = JSON.parse(process.env.BENCH_DB ?? "") as BenchDatabase;
  const trades = Number(process.env.BENCH_TRADES ?? 10_000);
  const db = await open(spec);
  await migrate(db);
  // As exposed in production: a password and an API token set (every request authenticated, every
  // response scanned for secrets); the driver uses the token.
  const config = configWithSecrets({ LOG_LEVEL: "error" });
  const started = performance.now();
  await seedReadTables(db, config.accountId, trades);
  // The seed is one bulk write no engine makes; flush it now, so its checkpoint (which on PGlite
  // runs on the event loop) is not charged to the first seconds of the load.
  await db.query("CHECKPOINT");
  const seedMs = performance.now() - started;
  // The engine applies projections in its own process while it serves (engine/app.ts).
  const projector = new Projector(db, allProjections);
  await projector.catchUp();
  const following = projector.follow((error) => console.error("projector:", error));
  const graphql = createGraphQL({ db, control: new FakeControl(), config });
  const server = await startHttpServer({ config, graphql, host: "127.0.0.1", port: 0 });

  const post = (query: string) =>
    fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${API_TOKEN}` },
      body: JSON.stringify({ query }),
    }).then((r) => r.text());
  // Warm-up: the first requests pay for parse and validation caches and query plans.
  for (let i = 0; i < 20; i++) for (const query of Object.values(QUERIES)) await post(query);
  const serial = { overview: [] as number[], trades: [] as number[] };
  for (const name of Object.keys(QUERIES) as QueryName[]) {
    for (let i = 0; i < 100; i++) {
      const at = performance.now();
      await post(QUERIES[name]);
      serial[name].push(performance.now() - at);
    }
    serial[name].sort((a, b) => a - b);
  }
  const ready: ServerReady = { url: server.url, seedMs, serial };
  process.stdout.write(`${JSON.stringify(ready)}\n`);

  // While loaded: how long the event loop was blocked (a timer due every 5 ms, how late it ran)
  // and the CPU this process used, to tell the server's own stalls from the machine's.
  const stalls: number[] = [];
  let due = performance.now() + 5;
  const monitor = setInterval(() => {
    const now = performance.now();
    stalls.push(Math.max(0, now - due));
    due = now + 5;
  }, 5);
  const cpuBefore = process.cpuUsage();
  // Serve until the parent closes our stdin (or dies: the pipe closes then too).
  const stdin = Bun.stdin.stream().getReader();
  while (!(await stdin.read()).done) {
    // nothing is sent; only the end matters
  }
  clearInterval(monitor);
  const cpu = process.cpuUsage(cpuBefore);
  stalls.sort((a, b) => a - b);
  const stats: ServerStats = {
    cpuMs: (cpu.user + cpu.system) / 1000,
    stallP99: stalls[Math.floor(stalls.length * 0.99)] ?? 0,
    stallMax: stalls.at(-1) ?? 0,
    stallsOver20ms: stalls.filter((s) => s > 20).length,
  };
  process.stdout.write(`${JSON.stringify(stats)}\n`);
  await server.stop();
  await graphql.close();
  await following.stop();
  await db.close();
}

await main();
