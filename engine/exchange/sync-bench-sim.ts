/**
 * Runs the simulator in its own process for sync-bench.ts, so the exchange's work (building
 * 1 MB pages) and the client's (parsing and validating them) use separate threads, as they do
 * against the real Kalshi. Prints one JSON line with the connection details, then serves until
 * killed.
 *
 *   bun engine/exchange/sync-bench-sim.ts <markets> <tier>
 */
import { startSimulator, type Tier } from "../../simulator/index.ts";

const sim = await startSimulator({
  port: 0,
  seed: 7,
  markets: Number(process.argv[2] ?? 50_000),
  tier: (process.argv[3] ?? "basic") as Tier,
  quiet: true,
  clock: { mode: "manual", start: Date.parse("2026-01-05T00:00:00Z") },
});
console.log(
  JSON.stringify({ baseUrl: sim.baseUrl, apiKeyId: sim.apiKeyId, privateKeyPem: sim.privateKeyPem }),
);
process.on("SIGTERM", () => {
  void sim.stop().then(() => process.exit(0));
});
