import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { type FeeMultiplierBp, type FeeSchedule, tradingFee } from "../money/fees.ts";
import type { Centis, Micros } from "../money/money.ts";
import { orderTotal, sizeOrder } from "./sizing.ts";
import { $ } from "./testing.ts";

describe("sizeOrder", () => {
  test("$30 at 95¢ buys 31 whole contracts, fee included", () => {
    // 31 × 0.95 = 29.45, fee roundup(0.07 × 31 × 0.95 × 0.05) = 0.1031 → 29.5531 ≤ 30; 32 would be 30.5064.
    expect(sizeOrder({ allocation: $(30), price: $(0.95) })).toEqual({
      contracts: 3100 as Centis,
      cost: $(29.45),
      fee: $(0.1031),
      total: $(29.5531),
    });
  });

  test("the fee can cost the last contract: $19 at 95¢ buys 19, not 20", () => {
    // 20 × 0.95 = 19.00 exactly, but the fee on top does not fit: 19 contracts.
    expect(sizeOrder({ allocation: $(19), price: $(0.95) }).contracts).toBe(1900 as Centis);
  });

  test("fractional markets size to 0.01 contracts", () => {
    const r = sizeOrder({ allocation: $(30), price: $(0.95), fractional: true });
    expect(r.contracts).toBe(3146 as Centis);
    expect(r.total).toBeLessThanOrEqual($(30));
  });

  test("bad inputs are refused", () => {
    expect(() => sizeOrder({ allocation: $(30), price: 0 as Micros })).toThrow(RangeError);
    expect(() => sizeOrder({ allocation: $(30), price: $(1) })).toThrow(RangeError);
    expect(() => sizeOrder({ allocation: -1 as Micros, price: $(0.5) })).toThrow(RangeError);
  });

  const schedule = fc.oneof(
    fc.constant<FeeSchedule>({ feeType: "quadratic", multiplier: 10_000 as FeeMultiplierBp }),
    fc
      .integer({ min: 0, max: 40_000 })
      .map((m): FeeSchedule => ({ feeType: "quadratic", multiplier: m as FeeMultiplierBp })),
    fc.constant<FeeSchedule>({ feeType: "flat", multiplier: 10_000 as FeeMultiplierBp }),
  );

  test("property: never exceeds the allocation incl. the exact fee, and one more step would", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000_000 }),
        fc.integer({ min: 1, max: 999_999 }),
        fc.boolean(),
        schedule,
        (allocation, price, fractional, fees) => {
          const r = sizeOrder({ allocation: allocation as Micros, price: price as Micros, fractional, fees });
          const step = fractional ? 1 : 100;
          expect(r.contracts % step).toBe(0);
          expect(r.contracts).toBeGreaterThanOrEqual(0);
          // The fee is exactly Kalshi's, from fees.ts, on the whole order.
          expect(r.fee).toBe(tradingFee(price as Micros, r.contracts, "taker", fees));
          expect(r.total).toBe((r.cost + r.fee) as Micros);
          expect(r.total).toBeLessThanOrEqual(allocation);
          // Maximal: the next step does not fit.
          expect(orderTotal(price as Micros, (r.contracts + step) as Centis, fees)).toBeGreaterThan(
            allocation,
          );
        },
      ),
      { numRuns: 3000 },
    );
  });

  test("property: more money never buys fewer contracts", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 1, max: 999_999 }),
        (a, b, price) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const small = sizeOrder({ allocation: lo as Micros, price: price as Micros });
          const big = sizeOrder({ allocation: hi as Micros, price: price as Micros });
          expect(big.contracts).toBeGreaterThanOrEqual(small.contracts);
        },
      ),
    );
  });
});
