/**
 * Catalog-sync benchmark: a simulator with 50,000 markets at the Basic tier, one full sync of
 * GET /markets with our client, and how close that came to the rate limit's floor.
 *
 *   bun engine/exchange/sync-bench.ts [markets] [tier] [--child-process]
 *
 * The sync lists the catalog as the engine does (ExchangeClient.catalogPages: several cursor
 * chains over created-time windows sharing one rate limiter). The floor is pages ÷ allowed reads
 * per second (Basic: 200 tokens/s ÷ 10 per request = 20/s), where pages is the fewest 1000-market
 * pages that hold the catalog (what one sequential cursor chain needs), not the requests made:
 * the partial last page of each extra chain is counted against us. The bucket starts full, so a
 * client that keeps up can even beat the floor by the initial burst; the target is within 1.2×.
 * The first sync in a process samples its windows from one page; later ones reuse the previous
 * listing's created times.
 */
import { startSimulator } from "../../simulator/index.ts";
import { ExchangeClient } from "./client.ts";
import { DEFAULT_REQUEST_COST, parseTier, TIER_LIMITS } from "./rate-limit.ts";
import type { RequestRecord } from "./transport.ts";

const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const markets = Number(args[0] ?? 50_000);
const tier = parseTier(args[1] ?? "basic");
const PAGE = 1000;

/**
 * By default the simulator runs in this process, sharing its thread with the client.
 * `--child-process` gives it its own process (closer to a remote exchange, but on a busy
 * two-core machine both processes' JIT warm-up then shows in the first sync).
 */
const inProcess = !process.argv.includes("--child-process");

interface SimHandle {
  baseUrl: string;
  apiKeyId: string;
  privateKeyPem: string;
  stop(): Promise<void>;
}

async function launch(): Promise<SimHandle> {
  if (inProcess) {
    const sim = await startSimulator({
      port: 0,
      seed: 7,
      markets,
      tier,
      quiet: true,
      clock: { mode: "manual", start: Date.parse("2026-01-05T00:00:00Z") },
    });
    return sim;
  }
  const child = Bun.spawn([process.execPath, `${import.meta.dir}/sync-bench-sim.ts`, String(markets), tier], {
    stdout: "pipe",
    stderr: "inherit",
  });
  const reader = child.stdout.getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error("simulator process exited before it was ready");
    text += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  const info = JSON.parse(text.slice(0, text.indexOf("\n"))) as Omit<SimHandle, "stop">;
  return {
    ...info,
    async stop() {
      child.kill("SIGTERM");
      await child.exited;
    },
  };
}

const sim = await launch();

const records: RequestRecord[] = [];
const client = new ExchangeClient({
  restUrl: sim.baseUrl,
  apiKeyId: sim.apiKeyId,
  privateKeyPem: sim.privateKeyPem,
  tier,
  onRequest: (r) => records.push(r),
});

async function syncOnce(label: string): Promise<void> {
  records.length = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let synced = 0;
  const tickers = new Set<string>();
  for await (const page of client.catalogPages({ limit: PAGE })) {
    synced += page.markets.length;
    for (const m of page.markets) tickers.add(m.ticker);
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;

  const ok = records.filter((r) => r.error === null).length;
  const pages = Math.ceil(tickers.size / PAGE);
  const limited = records.filter((r) => r.error === "rate_limited").length;
  const readsPerSecond = TIER_LIMITS[tier].read.refillPerSecond / DEFAULT_REQUEST_COST;
  const floorMs = (pages / readsPerSecond) * 1000;
  const avgLatency = records.reduce((a, r) => a + r.durationMs, 0) / Math.max(1, records.length);

  console.log(`\n${label}`);
  console.log(
    `  markets:   ${synced} synced (${tickers.size} distinct) of ${markets} generated (the rest are historical)`,
  );
  console.log(
    `  requests:  ${records.length} (${ok} ok, ${limited} × 429, ${records.length - ok - limited} other errors)`,
  );
  console.log(`  wall time: ${(wallMs / 1000).toFixed(2)} s (mean request ${avgLatency.toFixed(0)} ms)`);
  // When this approaches the wall time the sync is bound by this process's CPU share, not the limiter.
  console.log(
    `  cpu:       ${(cpuMs / 1000).toFixed(2)} s in this process (${inProcess ? "client and simulator" : "client only"})`,
  );
  console.log(`  floor:     ${(floorMs / 1000).toFixed(2)} s = ${pages} pages ÷ ${readsPerSecond} reads/s`);
  console.log(`  ratio:     ${(wallMs / floorMs).toFixed(2)}× the rate-limit-bound minimum (target ≤ 1.2×)`);
}

try {
  console.log(
    `catalog sync benchmark: ${markets} markets, tier ${tier}, simulator ${inProcess ? "in process" : "in a child process"}`,
  );
  // Let the simulator's bucket for this account start full, as ours does.
  await Bun.sleep(1_100);
  await syncOnce("1. cold start (both buckets full: the initial burst helps)");
  // Straight away again, on whatever the first sync left in the buckets.
  await syncOnce("2. back-to-back (buckets partly spent, code warm)");
} finally {
  await sim.stop();
}
