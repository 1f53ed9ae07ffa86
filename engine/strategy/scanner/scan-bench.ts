/**
 * How fast Tier 1 scans the whole market cache (bench style: printed, never asserted).
 *   bun engine/strategy/scanner/scan-bench.ts [rows=100000] [runs=20]
 */
import { NOW, SCAN_CONFIG, syntheticMarkets } from "./testing.ts";
import { scanTier1 } from "./tier1.ts";

const n = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 20);
const rows = syntheticMarkets(n);

// The first run is what the morning job pays (cold JIT); the rest show the steady state.
Bun.gc(true);
const coldStart = performance.now();
scanTier1(rows, SCAN_CONFIG, NOW);
const cold = performance.now() - coldStart;
for (let i = 0; i < 2; i++) scanTier1(rows, SCAN_CONFIG, NOW);
Bun.gc(true);

const times: number[] = [];
let survivors = 0;
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  survivors = scanTier1(rows, SCAN_CONFIG, NOW).survivors.length;
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? Number.NaN;
console.log(
  `scanTier1: ${n.toLocaleString("en-US")} rows, ${survivors.toLocaleString("en-US")} survivors; ` +
    `cold run ${cold.toFixed(1)} ms; ${runs} warm runs: ` +
    `min ${pct(0).toFixed(1)} ms, median ${pct(0.5).toFixed(1)} ms, p95 ${pct(0.95).toFixed(1)} ms, max ${pct(1).toFixed(1)} ms`,
);
