import { expect, test } from "bun:test";
import { dailyEquity, dailyReturns, maxDrawdown, sharpeRatio } from "./equity.ts";

const at = (day: number, hour = 12) =>
  `2026-11-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00.000Z`;

test("days without a sample carry the previous close: zero returns, counted", () => {
  const days = dailyEquity([
    { at: at(1), balanceMicros: 100 },
    { at: at(4), balanceMicros: 110 },
  ]);
  expect(dailyReturns(100, days)).toEqual([0, 0, 0, 0.10000000000000009]);
});

test("a flat run, or a single day, has no Sharpe ratio", () => {
  expect(sharpeRatio([0, 0, 0])).toBeNull();
  expect(sharpeRatio([0.05])).toBeNull();
  expect(sharpeRatio([])).toBeNull();
  // Hand-computed: returns 0 and 2%: mean 0.01, sample sd √0.0002 = 0.0141421 → 0.7071068 × √365
  expect(sharpeRatio([0, 0.02])).toBeCloseTo(13.5092561, 6);
});

test("a drawdown that starts at the starting balance is measured from it", () => {
  const d = maxDrawdown(1_000, [
    { at: at(1, 0), balanceMicros: 1_000 },
    { at: at(1, 6), balanceMicros: 750 },
    { at: at(2), balanceMicros: 1_200 },
    { at: at(3), balanceMicros: 1_000 },
  ]);
  // 1000 → 750 is $250 (25%); 1200 → 1000 is $200 (16.7%): both maxima belong to the first fall.
  expect(d).toEqual({ amount: 250, pct: 25, peakAt: at(1, 0), troughAt: at(1, 6) });
});

test("the largest fall in money and the largest in percent can be different falls", () => {
  const d = maxDrawdown(100, [
    { at: at(1), balanceMicros: 50 }, // −50%, $50
    { at: at(2), balanceMicros: 1_000 },
    { at: at(3), balanceMicros: 900 }, // −10%, $100
  ]);
  expect(d.amount).toBe(100);
  expect(d.pct).toBe(50);
  expect(d.troughAt).toBe(at(3));
});

test("a rising run has no drawdown", () => {
  expect(
    maxDrawdown(100, [
      { at: at(1), balanceMicros: 100 },
      { at: at(2), balanceMicros: 130 },
    ]),
  ).toEqual({
    amount: 0,
    pct: 0,
    peakAt: null,
    troughAt: null,
  });
});

test("samples out of time order, or without a time, are refused by name", () => {
  expect(() =>
    dailyEquity([
      { at: at(2), balanceMicros: 1 },
      { at: at(1), balanceMicros: 1 },
    ]),
  ).toThrow(/not in time order at 2026-11-01/);
  expect(() => dailyEquity([{ at: "yesterday", balanceMicros: 1 }])).toThrow(/"yesterday" is not a time/);
});
