import { expect, test } from "bun:test";
import { insightLines, parseRanked, parseStatsRecord } from "./monthly";

test("parseStatsRecord: best P&L first, malformed entries dropped", () => {
  const stats = parseStatsRecord({
    Sports: { trades: 3, wins: 3, losses: 0, pnl: 5_000_000, invested: 90_000_000, winRate: 1, roi: 5.5 },
    Financials: {
      trades: 2,
      wins: 1,
      losses: 1,
      pnl: -20_000_000,
      invested: 60_000_000,
      winRate: 0.5,
      roi: -33,
    },
    Broken: { trades: 1 },
    Weather: "nope",
  });
  expect(stats.map((s) => s.name)).toEqual(["Sports", "Financials"]);
  expect(stats[1]?.pnl).toBe(-20_000_000);
});

test("parseRanked keeps report order and tolerates junk", () => {
  const ranked = parseRanked([
    { category: "A", trades: 1, pnl: 2 },
    { pnl: 1 },
    null,
    { category: "B", pnl: 1 },
  ]);
  expect(ranked.map((r) => r.name)).toEqual(["A", "B"]);
  expect(parseRanked({})).toEqual([]);
});

test("insightLines drops blank lines", () => {
  expect(insightLines("one\n\n two \n")).toEqual(["one", "two"]);
});
