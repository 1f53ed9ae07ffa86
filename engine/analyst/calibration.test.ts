import { describe, expect, test } from "bun:test";
import {
  brierByModel,
  brierScore,
  type CalibrationPoint,
  calibrationPoints,
  reliabilityBuckets,
} from "./calibration.ts";

const point = (
  probability: number,
  outcome: 0 | 1,
  over: Partial<CalibrationPoint> = {},
): CalibrationPoint => ({
  selector: "ai",
  model: "claude-sonnet-4-6",
  promptVersion: "v1",
  ticker: "T",
  side: "yes",
  probability,
  outcome,
  ...over,
});

describe("Brier score", () => {
  test("is the mean squared error of the stated probabilities", () => {
    expect(brierScore([point(1, 1), point(0, 0)])).toBe(0);
    expect(brierScore([point(0.5, 1), point(0.5, 0)])).toBe(0.25);
    // (0.1)² and (0.8)²: (0.01 + 0.64) / 2
    expect(brierScore([point(0.9, 1), point(0.8, 0)])).toBeCloseTo(0.325, 12);
    expect(brierScore([])).toBeNull();
  });

  test("is grouped by selector, model and prompt version, best first", () => {
    const groups = brierByModel([
      point(0.9, 1),
      point(0.9, 0),
      point(0.95, 1, { promptVersion: "v2" }),
      point(0.97, 1, { selector: "rules", model: null, promptVersion: "rules-1" }),
    ]);
    expect(groups.map((g) => [g.selector, g.model, g.promptVersion, g.count])).toEqual([
      ["rules", null, "rules-1", 1],
      ["ai", "claude-sonnet-4-6", "v2", 1],
      ["ai", "claude-sonnet-4-6", "v1", 2],
    ]);
    expect(groups[2]?.brier).toBeCloseTo((0.01 + 0.81) / 2, 12);
    expect(groups[2]?.meanProbability).toBeCloseTo(0.9, 12);
    expect(groups[2]?.observedFrequency).toBe(0.5);
  });
});

test("points join every stated probability to the market's result, by side", () => {
  const points = calibrationPoints(
    [
      {
        selector: "ai",
        model: "m",
        promptVersion: "v1",
        probabilities: [
          { ticker: "A", side: "yes", probability: 0.9 },
          { ticker: "B", side: "no", probability: 0.8 },
          { ticker: "C", side: "yes", probability: 0.7 },
          { ticker: "D", side: "yes", probability: 0.6 },
        ],
      },
    ],
    new Map([
      ["A", "yes"],
      ["B", "yes"],
      ["C", "void"],
    ]),
  );
  expect(points.map((p) => [p.ticker, p.outcome])).toEqual([
    ["A", 1],
    ["B", 0],
  ]);
});

describe("reliability buckets", () => {
  test("compare stated probability with observed frequency", () => {
    const b = reliabilityBuckets([point(0.05, 0), point(0.3, 1), point(0.35, 0), point(1, 1)], {
      buckets: 10,
    });
    expect(b).toHaveLength(10);
    expect(b[0]).toEqual({ lower: 0, upper: 0.1, count: 1, meanProbability: 0.05, observedFrequency: 0 });
    // 0.3 belongs to [0.3, 0.4) even though 0.3 / 0.1 is 2.9999999999999996 in floats.
    expect(b[3]?.count).toBe(2);
    expect(b[3]?.meanProbability).toBeCloseTo(0.325, 12);
    expect(b[3]?.observedFrequency).toBe(0.5);
    expect(b[9]).toEqual({ lower: 0.9, upper: 1, count: 1, meanProbability: 1, observedFrequency: 1 });
    expect(b[5]).toEqual({
      lower: 0.5,
      upper: 0.6,
      count: 0,
      meanProbability: null,
      observedFrequency: null,
    });
  });

  test("can zoom into the strategy's range; nothing below it is lost", () => {
    const b = reliabilityBuckets([point(0.5, 0), point(0.86, 1), point(0.99, 1)], { buckets: 4, from: 0.8 });
    expect(b.map((x) => [x.lower, x.upper, x.count])).toEqual([
      [0.8, 0.85, 1],
      [0.85, 0.9, 1],
      [0.9, 0.95, 0],
      [0.95, 1, 1],
    ]);
    expect(() => reliabilityBuckets([], { buckets: 0 })).toThrow();
  });
});
