import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import type { Micros } from "../money/money.ts";
import { formatDecimal, parseDecimalMicros } from "./decimal.ts";

const SHAPE = "must be a decimal like 0.85";

describe("exact decimals", () => {
  test("strings become exact micros", () => {
    expect(parseDecimalMicros("0.85", SHAPE)).toEqual({ ok: true, value: 850_000 as Micros });
    expect(parseDecimalMicros(".5", SHAPE)).toEqual({ ok: true, value: 500_000 as Micros });
    expect(parseDecimalMicros("100", SHAPE)).toEqual({ ok: true, value: 100_000_000 as Micros });
    expect(parseDecimalMicros("-0.25", SHAPE)).toEqual({ ok: true, value: -250_000 as Micros });
  });

  test("malformed strings name the expected shape", () => {
    for (const bad of ["", ".", "-", "1.", "1e3", "0x10", "1,5", "NaN", "Infinity", "+1", "1 000", "0.8.5"]) {
      expect(parseDecimalMicros(bad, SHAPE)).toEqual({ ok: false, rule: SHAPE });
    }
  });

  test("more than six places and unsafe magnitudes are refused, not rounded", () => {
    expect(parseDecimalMicros("0.1234567", SHAPE)).toEqual({
      ok: false,
      rule: "must have at most 6 decimal places",
    });
    expect(parseDecimalMicros("99999999999999999", SHAPE)).toEqual({ ok: false, rule: "is too large" });
  });

  test("formatting is the shortest exact decimal and round-trips", () => {
    expect(formatDecimal(850_000 as Micros)).toBe("0.85");
    expect(formatDecimal(100_000_000 as Micros)).toBe("100");
    expect(formatDecimal(0 as Micros)).toBe("0");
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        expect(parseDecimalMicros(formatDecimal(n as Micros), SHAPE)).toEqual({
          ok: true,
          value: n as Micros,
        });
      }),
    );
  });
});
