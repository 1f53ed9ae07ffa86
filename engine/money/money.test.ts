import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { parseFeeMultiplier, tradingFee } from "./fees.ts";
import {
  affordableCount,
  type Centis,
  formatCount,
  formatDollars,
  type Micros,
  notional,
  parseCount,
  parseDollars,
} from "./money.ts";

describe("fixed-point parsing", () => {
  test("dollar strings become exact micros", () => {
    expect<number>(parseDollars("0.9500")).toBe(950_000);
    expect<number>(parseDollars("0.950001")).toBe(950_001);
    expect<number>(parseDollars("12")).toBe(12_000_000);
    expect<number>(parseDollars("-0.05")).toBe(-50_000);
    expect<number>(parseDollars("0.0000")).toBe(0);
  });
  test("count strings become centis", () => {
    expect<number>(parseCount("10.00")).toBe(1000);
    expect<number>(parseCount("2.5")).toBe(250);
    expect<number>(parseCount("-3.00")).toBe(-300);
  });
  test("garbage is refused with the value named", () => {
    for (const bad of ["", "0.1234567", "1e3", "NaN", " 1.0", "0,95", "1.", ".5"]) {
      expect(() => parseDollars(bad)).toThrow(/fixed-point/);
    }
    expect(() => parseCount("1.234")).toThrow(/"1.234"/);
  });
  test("round trip is exact for every representable value", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        expect<number>(parseDollars(formatDollars(n as Micros, 6))).toBe(n);
        expect<number>(parseCount(formatCount(n as Centis))).toBe(n);
      }),
    );
  });
  test("formatting refuses to drop precision silently", () => {
    expect(formatDollars(950_000 as Micros)).toBe("0.9500");
    expect(formatDollars(950_000 as Micros, 2)).toBe("0.95");
    expect(() => formatDollars(950_001 as Micros, 4)).toThrow();
  });
});

describe("notional and sizing", () => {
  test("price times count", () => {
    expect<number>(notional(950_000 as Micros, 1000 as Centis)).toBe(9_500_000);
    expect<number>(notional(950_001 as Micros, 1 as Centis)).toBe(9500); // 0.00950001 → half-up to micros
  });
  test("affordable whole contracts never exceed the budget", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 1, max: 1_100_000 }),
        (budget, unit) => {
          const count = affordableCount(budget as Micros, unit as Micros);
          expect<number>(count % 100).toBe(0);
          expect<number>(notional(unit as Micros, count, "up")).toBeLessThanOrEqual(budget);
          expect<number>(notional(unit as Micros, (count + 100) as Centis, "down")).toBeGreaterThan(budget);
        },
      ),
    );
  });
});

describe("Kalshi fees", () => {
  test("taker fee at 95¢ for one contract rounds 0.3325¢ up to $0.0034", () => {
    expect<number>(tradingFee(950_000 as Micros, 100 as Centis, "taker")).toBe(3_400);
  });
  test("taker fee at 50¢ for 100 contracts is $1.75", () => {
    expect<number>(tradingFee(500_000 as Micros, 10_000 as Centis, "taker")).toBe(1_750_000);
  });
  test("maker fees only on series that charge them", () => {
    expect<number>(tradingFee(500_000 as Micros, 10_000 as Centis, "maker")).toBe(0);
    expect<number>(
      tradingFee(500_000 as Micros, 10_000 as Centis, "maker", {
        feeType: "quadratic_with_maker_fees",
        multiplier: parseFeeMultiplier("1"),
      }),
    ).toBe(437_500);
  });
  test("flat series and the fee multiplier", () => {
    expect<number>(
      tradingFee(500_000 as Micros, 10_000 as Centis, "taker", {
        feeType: "flat",
        multiplier: parseFeeMultiplier(1),
      }),
    ).toBe(0);
    expect<number>(
      tradingFee(500_000 as Micros, 10_000 as Centis, "taker", {
        feeType: "quadratic",
        multiplier: parseFeeMultiplier("0.5"),
      }),
    ).toBe(875_000);
  });
  test("fee is never below the exact formula and within one tick of it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 1, max: 10_000_000 }), (p, c) => {
        const fee = tradingFee(p as Micros, c as Centis, "taker");
        // exact value in units of 1e-20 dollars: 7/100 × c/100 × p/1e6 × (1e6−p)/1e6
        const exactScaled = 7n * BigInt(c) * BigInt(p) * BigInt(1_000_000 - p); // ×1e-16 dollars
        const feeScaled = BigInt(fee) * 10_000_000_000n; // micros → ×1e-16 dollars
        expect(feeScaled >= exactScaled).toBe(true);
        expect(feeScaled - exactScaled < 100n * 10_000_000_000n).toBe(true);
        expect<number>(fee % 100).toBe(0);
      }),
    );
  });
});
