import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { dollars, micros } from "../../money/money.ts";
import { ManualClock } from "../../time/clock.ts";
import { selectionViolations } from "../rules-check.ts";
import { candidate, candidates, limits, selectorInput, T0 } from "../testing.ts";
import { convictionSize, FULL_CONVICTION_EDGE_BP, rank, score } from "./score.ts";
import { RULES_VERSION, RulesSelector } from "./selector.ts";
import {
  calibratedProbability,
  embeddedRows,
  loadWinRateTable,
  parseWinRateCsv,
  WIN_RATE_CSV_URL,
} from "./win-rate.ts";

const table = loadWinRateTable();

describe("win-rate table", () => {
  test("is read from /work/shared/data at run time (the path resolves from this folder)", () => {
    expect(fileURLToPath(WIN_RATE_CSV_URL)).toMatch(/shared\/data\/kalshi-win-rate-by-price\.csv$/);
    if (!existsSync(WIN_RATE_CSV_URL)) return; // a checkout without the shared folder uses the copy
    expect(table.source).toBe("file");
    expect(table.rates).toHaveLength(100);
  });

  test("the embedded copy equals the file", () => {
    if (!existsSync(WIN_RATE_CSV_URL)) return;
    expect(embeddedRows()).toEqual(parseWinRateCsv(readFileSync(WIN_RATE_CSV_URL, "utf8")));
  });

  test("falls back to the embedded copy when the file is missing or broken", () => {
    const missing = loadWinRateTable(new URL("file:///nonexistent/win-rates.csv"));
    expect(missing.source).toBe("embedded");
    expect(missing.detail).toContain("/nonexistent/win-rates.csv");
    expect(missing.rates).toEqual(table.rates);
    expect(() => parseWinRateCsv("price,total_trades,wins,win_rate\n0,10,1,10\n")).toThrow("every price");
  });

  test("probability is the historical win rate, interpolated between cents", () => {
    expect(calibratedProbability(table, micros(950_000))).toBeCloseTo(0.9582586, 6);
    expect(calibratedProbability(table, micros(850_000))).toBeCloseTo(0.8608068, 6);
    const mid = calibratedProbability(table, micros(955_000));
    expect(mid).toBeCloseTo((0.9582586 + 0.9655924) / 2, 6);
    expect(calibratedProbability(table, micros(999_999))).toBeCloseTo(0.9909416, 6);
  });
});

describe("scoring", () => {
  test("edge after the taker fee, in integer basis points", () => {
    const s = score(candidate({ price: 950_000 }), table);
    // fee for 1 contract at 95¢: ceil(0.07 × 0.95 × 0.05 × 10_000) ticks = 34 × $0.0001.
    expect(s.feePerContract).toBe(micros(3_400));
    expect(s.costPerContract).toBe(micros(953_400));
    expect(s.probabilityPpm).toBe(958_259);
    // (958_259 − 953_400) / 953_400 = 50.96 bp → 50.
    expect(s.edgeBp).toBe(50);
    expect(score(candidate({ price: 980_000 }), table).edgeBp).toBeLessThan(0);
  });

  test("ranking is a total order: edge, then EV, depth, ticker", () => {
    const same = [
      candidate({ ticker: "B" }),
      candidate({ ticker: "A" }),
      candidate({ ticker: "C", entryDepth: 9e9 }),
    ];
    expect(rank(same.map((c) => score(c, table))).map((s) => s.candidate.ticker)).toEqual(["C", "A", "B"]);
  });

  test("conviction size: minimum plus the earned share, whole dollars, within [min, max]", () => {
    const l = limits();
    expect(convictionSize(0, l)).toBe(dollars(20));
    expect(convictionSize(50, l)).toBe(dollars(35));
    expect(convictionSize(FULL_CONVICTION_EDGE_BP, l)).toBe(dollars(50));
    expect(convictionSize(10_000, l)).toBe(dollars(50));
    expect(convictionSize(-20, l)).toBe(dollars(20));
  });
});

describe("rules selector", () => {
  const selector = () => new RulesSelector({ clock: new ManualClock(T0), winRates: table });

  test("picks positive-edge candidates, best first, within every limit", async () => {
    const r = await selector().select(selectorInput());
    expect(r.selector).toBe("rules");
    expect(r.status).toBe("accepted");
    expect(r.promptVersion).toBe(RULES_VERSION);
    expect(r.model).toBeNull();
    expect(r.cost).toBe(0);
    // 95¢ weather (+50 bp) first; 97¢ Fed NO (+? bp), 92¢ Lakers (+? bp) next in edge order.
    const edges = candidates().map((c) => [c.ticker, score(c, table).edgeBp]);
    const expected = [...edges]
      .filter(([, e]) => (e as number) > 0)
      .sort((a, b) => (b[1] as number) - (a[1] as number));
    expect(r.selections.map((s) => s.ticker)).toEqual(expected.map(([t]) => t as string));
    expect(r.probabilities.map((p) => p.ticker)).toEqual(candidates().map((c) => c.ticker));
    expect(r.totalAllocated).toBe(r.selections.reduce((a, s) => a + s.allocation, 0));
    expect(r.totalAllocated).toBeLessThanOrEqual(dollars(100));
  });

  test("is deterministic: same input, same output, byte for byte", async () => {
    const a = await selector().select(selectorInput());
    const b = await selector().select(selectorInput({ candidates: [...candidates()].reverse() }));
    expect(JSON.stringify(a.selections)).toBe(JSON.stringify(b.selections));
    expect(JSON.stringify(await selector().select(selectorInput()))).toBe(JSON.stringify(a));
  });

  test("one pick per series, no trades or budget left means no picks", async () => {
    const twins = [candidate({ ticker: "T1" }), candidate({ ticker: "T2" })];
    const r = await selector().select(selectorInput({ candidates: twins }));
    expect(r.selections.map((s) => s.ticker)).toEqual(["T1"]);
    expect(JSON.parse(r.rawResponse).ranking[1].decision).toContain("from this series");
    const none = await selector().select(selectorInput({ limits: limits({ tradesRemaining: 0 }) }));
    expect(none.selections).toEqual([]);
    const poor = await selector().select(selectorInput({ limits: limits({ remainingBudget: dollars(19) }) }));
    expect(poor.selections).toEqual([]);
  });

  test("the last pick is trimmed to the budget left, never below the minimum", async () => {
    const r = await selector().select(selectorInput({ limits: limits({ remainingBudget: dollars(45) }) }));
    expect(r.totalAllocated).toBeLessThanOrEqual(dollars(45));
    expect(r.selections.every((s) => s.allocation >= dollars(20))).toBe(true);
  });

  test("property: never over any limit, for any candidates and limits", async () => {
    const anyCandidate = fc.record({
      ticker: fc.constantFrom("A", "B", "C", "D", "E", "F"),
      seriesTicker: fc.constantFrom("S1", "S2", "S3"),
      side: fc.constantFrom("yes" as const, "no" as const),
      price: fc.integer({ min: 1, max: 999_999 }),
      entryDepth: fc.integer({ min: 0, max: 100_000_000 }),
      exitDepth: fc.integer({ min: 0, max: 100_000_000 }),
      evPerDollarAfterFees: fc.double({ min: -1, max: 1, noNaN: true }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(anyCandidate, { maxLength: 8 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 5 }),
        async (partials, budget, tradesLeft) => {
          const cs = partials.map((p) => candidate(p));
          const l = limits({
            remainingBudget: dollars(budget),
            tradesRemaining: tradesLeft,
            maxTradesPerDay: 5,
          });
          const r = await selector().select(selectorInput({ candidates: cs, limits: l }));
          const picks = r.selections.map((s) => ({ ...s, allocation: micros(s.allocation) }));
          expect(selectionViolations(picks, cs, l)).toEqual([]);
          expect(r.probabilities).toHaveLength(new Set(cs.map((c) => c.ticker)).size);
        },
      ),
      { numRuns: 300 },
    );
  });
});
