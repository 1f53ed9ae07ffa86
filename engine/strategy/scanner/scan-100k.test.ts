import { expect, test } from "bun:test";
import { $, NOW, SCAN_CONFIG, syntheticMarkets } from "./testing.ts";
import { scanTier1 } from "./tier1.ts";

// Timing is printed by scan-bench.ts, never asserted: a loaded CI machine must not fail a test.
test("Tier 1 over 100,000 market rows counts every stage exactly", () => {
  const rows = syntheticMarkets(100_000);
  const r = scanTier1(rows, SCAN_CONFIG, NOW);
  expect(r.stages).toEqual([
    { name: "all markets", count: 100_000 },
    { name: "active", count: 80_000 },
    { name: "closes in window", count: 60_000 },
    { name: "valid price", count: 50_000 },
    { name: "price in band", count: 30_000 },
  ]);
  expect(r.survivors.slice(0, 3).map((s) => [s.row.market_id, s.side, s.price])).toEqual([
    ["KXSYN-6", "yes", $(0.95)],
    ["KXSYN-7", "no", $(0.94)],
    ["KXSYN-8", "yes", $(0.9)],
  ]);
  const sides = { yes: 0, no: 0 };
  for (const s of r.survivors) sides[s.side]++;
  expect(sides).toEqual({ yes: 20_000, no: 10_000 });
  expect(r.samples.active).toHaveLength(5);
});
