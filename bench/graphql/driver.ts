/**
 * The load generator of bench/graphql.ts, in its own process so it never competes with the
 * server's event loop. Open loop: request i is due at start + i / rate and is sent then whether or
 * not earlier ones have answered; its latency counts from when it was DUE, so a stalled server
 * shows as queueing in the figures instead of slowing the load down (coordinated omission).
 *
 *   bun bench/graphql/driver.ts <url> <rate> <seconds>   (bearer token in BENCH_TOKEN)
 * Prints one JSON document (DriverResult) on stdout.
 */
import { QUERIES, type QueryName } from "./queries.ts";

export interface DriverResult {
  sent: number;
  ok: number;
  failed: number;
  dropped: number;
  elapsedMs: number;
  /** How late the driver itself sent requests (ms past due, p99): a busy driver says so. */
  sendLagP99: number;
  latencies: Record<QueryName, number[]>;
}

async function drive(url: string, rate: number, seconds: number, token: string): Promise<DriverResult> {
  const names = Object.keys(QUERIES) as QueryName[];
  const bodies = Object.fromEntries(names.map((n) => [n, JSON.stringify({ query: QUERIES[n] })]));
  const latencies: Record<QueryName, number[]> = { overview: [], trades: [] };
  const lags: number[] = [];
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  // Bounded: a server that stops answering cannot make the driver hoard sockets.
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
    lags.push(Math.max(0, performance.now() - due));
    if (inFlight >= maxInFlight) {
      dropped++;
      continue;
    }
    const name = names[i % names.length] as QueryName;
    inFlight++;
    pending.push(
      fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: bodies[name],
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
  lags.sort((a, b) => a - b);
  return {
    sent: total - dropped,
    ok,
    failed,
    dropped,
    elapsedMs: performance.now() - start,
    sendLagP99: lags[Math.floor(lags.length * 0.99)] ?? 0,
    latencies,
  };
}

const [url = "", rate = "200", seconds = "10"] = process.argv.slice(2);
const result = await drive(url, Number(rate), Number(seconds), process.env.BENCH_TOKEN ?? "");
process.stdout.write(JSON.stringify(result));
